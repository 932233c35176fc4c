package dev.scratchnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM saves checkpoints in a loop and is killed with SIGKILL at varied moments: the file left behind
 * always loads and is one of the states that was completely saved (the last one announced, or the one after
 * it if the kill came between its rename and its announcement). A kill during a save leaves that save's temp
 * file beside it, never in its place, and the next child's first save deletes it: temp files never pile up.
 */
class KilledWhileSavingTest {
    private static final int KILLS = 20;

    @Test
    void checkpointSurvivesSigkillAtAnyMoment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("checkpoint.safetensors");
        Random delays = new Random(20261128L);
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    CheckpointWriterMain.class.getName(), file.toString())
                    .redirectErrorStream(true)
                    .start();
            AtomicInteger announced = new AtomicInteger(-1);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("saved ")) {
                            announced.set(Integer.parseInt(line.substring(6)));
                        }
                    }
                } catch (IOException e) {
                    // the child was killed: its output ends here
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (announced.get() < 0 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(announced.get() >= 0, "the child saved nothing within 30 s");
            Thread.sleep(delays.nextInt(120));
            // Through the handle: Process.destroyForcibly also closes the pipe, which can drop the child's last
            // announcements before the reader has seen them.
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join();

            TensorFile loaded = Safetensors.load(file);
            int state = Integer.parseInt(loaded.getMetadata().get("state"));
            int last = announced.get();
            assertTrue(state == last || state == last + 1, "kill " + kill + ": file holds state " + state + ", last announced " + last);
            for (Tensor t : loaded.getTensors().values()) {
                for (double v : t.getData()) {
                    assertEquals(state, v, 0.0, "kill " + kill + ": a value of state " + state);
                }
            }
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> temps = files.filter(p -> !p.equals(file)).toList();
                assertTrue(temps.size() <= 1, "kill " + kill + ": at most the interrupted save's temp file remains, earlier ones "
                        + "were deleted by the next save: " + temps);
            }
        }
    }
}
