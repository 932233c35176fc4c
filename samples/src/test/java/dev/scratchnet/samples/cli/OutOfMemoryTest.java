package dev.scratchnet.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.samples.Main;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app in a child JVM with a small heap: memory that the flags or an input ask for, and that the JVM cannot give,
 * ends in one line that says how to give it more, and exit code 1, never a stack trace.
 */
class OutOfMemoryTest {
    @Test
    void anOutOfMemoryErrorIsOneLineWithTheHintAndExitCode1() throws Exception {
        // 784 × 2,000,000 weights: 12.5 GB, a valid --hidden that no 64 MB heap can hold.
        Result result = run("64m", "mnist", "--network", "dsl", "--hidden", "2000000", "--iterations", "1");

        assertEquals(1, result.status(), result.err());
        assertEquals("scratchnet mnist: out of memory (Java heap space): this JVM may use 64 MiB; give it more with java -Xmx2g or "
                + "more, or ask for less (a smaller network, batch or dataset)\n", result.err());
    }

    @Test
    void anIdxFileThatReallyHoldsMillionsOfImagesIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        // 2.7 million 28×28 images, 2.1 GB of zeros, in a sparse file that takes no disk.
        Path images = dir.resolve("train-images-idx3-ubyte");
        try (RandomAccessFile file = new RandomAccessFile(images.toFile(), "rw")) {
            file.write(ByteBuffer.allocate(16).putInt(0x0803).putInt(2_700_000).putInt(28).putInt(28).array());
            file.setLength(16 + 2_700_000L * 28 * 28);
        }

        Result result = run("128m", "mnist", "--data", dir.toString(), "--iterations", "1");

        assertEquals(1, result.status(), result.err());
        assertTrue(result.err().startsWith("scratchnet mnist: " + images + ": 17.7 GiB of memory needed for the 2700000×28×28 = "
                + "2116800000 bytes of data its header declares, read and kept as 8-byte numbers, more than the "), result.err());
        assertTrue(result.err().endsWith(" this JVM may use; give it more with java -Xmx19g\n(run with --verbose for the stack trace)\n"),
                result.err());
    }

    private record Result(int status, String err) {}

    private static Result run(String heap, String... args) throws IOException, InterruptedException {
        String[] command = new String[5 + args.length];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command[1] = "-Xmx" + heap;
        command[2] = "-cp";
        command[3] = System.getProperty("java.class.path");
        command[4] = Main.class.getName();
        System.arraycopy(args, 0, command, 5, args.length);
        Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        byte[] err = child.getErrorStream().readAllBytes();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the app did not end within 60 s");
        // The child runs on the scalar kernels (no --add-modules, whose JVM warning would be a line too), which the app
        // says in a line of its own before the command runs: not part of what is tested here.
        String text = new String(err, StandardCharsets.UTF_8).replaceFirst("\\Ascratchnet: scalar kernels in use;[^\n]*\n", "");
        return new Result(child.exitValue(), text);
    }
}
