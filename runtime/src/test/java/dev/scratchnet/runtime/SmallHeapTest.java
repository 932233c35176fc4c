package dev.scratchnet.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that really hold more than a small heap can take are refused, naming the file, the memory and the
 * {@code -Xmx} that would do, before they are allocated: each is loaded by {@link SmallHeapMain} in a child JVM
 * with a small {@code -Xmx}, which would otherwise end in an {@link OutOfMemoryError}. The files are made here:
 * gzipped zeros compress about a thousandfold, and a sparse file takes no disk.
 */
class SmallHeapTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void idxFileHoldingMillionsOfImagesIsRefusedBeforeItsDataIsRead() throws Exception {
        // 2.7 million 28×28 images, 2.1 GB of zeros that are really there, in a 2 MB file: as doubles, 17 GB.
        Path images = writeMnist(2_700_000, 0, dir);
        assertTrue(Files.size(images) < 4 * MIB, "the hostile file is small: " + Files.size(images));

        Result result = load("128m", "mnist", dir);

        assertEquals(SmallHeapMain.REFUSED, result.status(), result.output());
        assertTrue(result.output().startsWith(images + ": 17.7 GiB of memory needed for the 2700000×28×28 = 2116800000 bytes of "
                + "data its header declares, read and kept as 8-byte numbers, more than the "), result.output());
        assertTrue(result.output().endsWith(" this JVM may use; give it more with java -Xmx19g\n"), result.output());
    }

    @Test
    void datasetsTooLargeForTheHeapAreRefusedBeforeTheyAreBuilt() throws Exception {
        // Each file's pixels fit in 512 MB as doubles (403 MiB), but not beside the lists of their non-zero pixels.
        writeMnist(60_000, 1, dir);

        Result result = load("512m", "mnist", dir);

        assertEquals(SmallHeapMain.REFUSED, result.status(), result.output());
        assertTrue(result.output().startsWith(dir.resolve("train-images-idx3-ubyte.gz") + " and " + dir.resolve("t10k-images-idx3-ubyte.gz")
                + ": 943 MiB of memory needed for the datasets of their 60000 + 1 images of 28×28 pixels (as doubles), more than the "),
                result.output());
    }

    @Test
    void safetensorsFileLargerThanTheHeapIsRefused() throws Exception {
        Path file = dir.resolve("big.safetensors");
        byte[] header = "{\"W1\":{\"dtype\":\"F64\",\"shape\":[12500000],\"data_offsets\":[0,100000000]}}".getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            out.setLength(8 + header.length + 100_000_000L);
        }

        Result result = load("64m", "safetensors", file);

        assertEquals(SmallHeapMain.REFUSED, result.status(), result.output());
        assertTrue(result.output().startsWith(file + ": 96 MiB of memory needed for loading its " + header.length + "-byte header and "
                + "100000000 bytes of tensor data, more than the "), result.output());
    }

    private record Result(int status, String output) {}

    private static Result load(String heap, String kind, Path path) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), SmallHeapMain.class.getName(), kind, path.toString())
                .redirectErrorStream(true)
                .start();
        byte[] output = child.getInputStream().readAllBytes();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end within 60 s");
        return new Result(child.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /**
     * MNIST's four files in {@code target}: {@code count} training images whose every pixel is {@code pixel}, and
     * their labels; one test image and label. Returns the training images' file.
     */
    private static Path writeMnist(int count, int pixel, Path target) throws IOException {
        Path images = target.resolve("train-images-idx3-ubyte.gz");
        write(images, header(0x0803, count, 28, 28), 28L * 28 * count, pixel);
        write(target.resolve("train-labels-idx1-ubyte.gz"), header(0x0801, count), count, 0);
        write(target.resolve("t10k-images-idx3-ubyte.gz"), header(0x0803, 1, 28, 28), 28 * 28, pixel);
        write(target.resolve("t10k-labels-idx1-ubyte.gz"), header(0x0801, 1), 1, 0);
        return images;
    }

    private static byte[] header(int magic, int... dimensions) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dimensions.length).putInt(magic);
        for (int d : dimensions) {
            b.putInt(d);
        }
        return b.array();
    }

    /**
     * A gzip file of {@code header} and {@code count} bytes of {@code value}: one member with the header and the
     * bytes that do not fill a block of 16 MiB, then one compressed block repeated (gzip readers join members), so that
     * gigabytes take milliseconds to write.
     */
    private static void write(Path file, byte[] header, long count, int value) throws IOException {
        int block = 16 * MIB;
        byte[] blockMember = gzip(new byte[0], block, value);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(gzip(header, (int) (count % block), value));
            for (long i = 0; i < count / block; i++) {
                out.write(blockMember);
            }
        }
    }

    private static byte[] gzip(byte[] header, int count, int value) throws IOException {
        byte[] data = new byte[count];
        Arrays.fill(data, (byte) value);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(header);
            gz.write(data);
        }
        return bytes.toByteArray();
    }
}
