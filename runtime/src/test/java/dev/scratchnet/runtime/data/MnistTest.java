package dev.scratchnet.runtime.data;

import static dev.scratchnet.runtime.data.IdxBytes.gzip;
import static dev.scratchnet.runtime.data.IdxBytes.images;
import static dev.scratchnet.runtime.data.IdxBytes.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Mnist} on tiny generated datasets: 3 training and 2 test images of 2 × 3 pixels. */
class MnistTest {
    private static final byte[] TRAIN_IMAGES = images(3, 2, 3, 5);
    private static final byte[] TRAIN_LABELS = labels(5, 0, 9);
    private static final byte[] TEST_IMAGES = images(2, 2, 3, 100);
    private static final byte[] TEST_LABELS = labels(7, 2);

    @TempDir
    Path dir;

    @Test
    void loadsNormalisedPixelsAndLabelsFromGzippedFiles() throws IOException {
        writeGzipped();

        MnistData data = Mnist.fromDirectory(dir).load();

        Dataset train = data.getTrain();
        assertEquals(3, train.getSize());
        assertEquals(6, train.getFeatures());
        assertEquals(10, train.getClasses());
        assertArrayEquals(new int[] {5, 0, 9}, train.getLabels());
        assertArrayEquals(new int[] {7, 2}, data.getTest().getLabels());
        assertEquals(2, data.getImageRows());
        assertEquals(3, data.getImageCols());
        assertTrue(data.isNormalized());
        for (int k = 0; k < 18; k++) {
            assertEquals((5 + 37 * k) % 256 / 255.0, train.getX()[k], "training pixel " + k);
        }
        for (int k = 0; k < 12; k++) {
            assertEquals((100 + 37 * k) % 256 / 255.0, data.getTest().getX()[k], "test pixel " + k);
        }
    }

    @Test
    void keepsRawPixelValuesWithoutNormalisation() throws IOException {
        writeGzipped();

        MnistData data = Mnist.fromDirectory(dir).load(false);

        assertFalse(data.isNormalized());
        // Pixel 3 of the first training image: (5 + 37·3) mod 256 = 116; of the first test image: (100 + 111) = 211.
        assertEquals(116.0, data.getTrain().getX()[3]);
        assertEquals(211.0, data.getTest().getX()[3]);
    }

    @Test
    void readsUncompressedFilesAndMixedDirectories() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), TRAIN_IMAGES);
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(TRAIN_LABELS));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), TEST_IMAGES);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), TEST_LABELS);

        MnistData data = Mnist.fromDirectory(dir).load();

        assertArrayEquals(new int[] {5, 0, 9}, data.getTrain().getLabels());
        assertEquals(18, data.getTrain().getX().length);
    }

    @Test
    void prefersTheGzippedFileWhenBothExist() throws IOException {
        writeGzipped();
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(1, 1, 1));

        assertArrayEquals(new int[] {5, 0, 9}, Mnist.fromDirectory(dir).load().getTrain().getLabels());
    }

    @Test
    void verifiesEveryFileAgainstSha256Sums() throws IOException {
        writeGzipped();
        writeSums();

        assertArrayEquals(new int[] {7, 2}, Mnist.fromDirectory(dir).load().getTest().getLabels());
    }

    @Test
    void checksumMismatchNamesTheFileAndBothSums() throws IOException {
        writeGzipped();
        writeSums();
        byte[] changed = gzip(labels(5, 0, 8));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), changed);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir).load());

        assertEquals(dir.resolve("train-labels-idx1-ubyte.gz") + ": SHA-256 is " + sha256(changed) + ", but SHA256SUMS expects "
                + sha256(gzip(TRAIN_LABELS)) + "; the file is damaged or not the one listed: download it again", e.getMessage());
    }

    @Test
    void checksumMismatchIsReportedRatherThanTheFormatErrorItCauses() throws IOException {
        writeGzipped();
        writeSums();
        byte[] gz = gzip(TRAIN_IMAGES);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length - 5));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir).load());

        assertTrue(e.getMessage().startsWith(dir.resolve("train-images-idx3-ubyte.gz") + ": SHA-256 is "), e.getMessage());
        assertInstanceOf(IdxFormatException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("corrupt gzip data"), e.getCause().getMessage());
    }

    @Test
    void fileMissingFromSha256SumsIsRejected() throws IOException {
        writeGzipped();
        Files.writeString(dir.resolve("SHA256SUMS"), sha256(gzip(TRAIN_IMAGES)) + "  train-images-idx3-ubyte.gz\n");

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir).load());

        assertEquals(dir.resolve("train-labels-idx1-ubyte.gz") + ": SHA256SUMS has no line for train-labels-idx1-ubyte.gz; "
                + "add its sum (sha256sum train-labels-idx1-ubyte.gz >> SHA256SUMS) or delete SHA256SUMS to skip verification",
                e.getMessage());
    }

    @Test
    void malformedSha256SumsLineIsRejected() throws IOException {
        writeGzipped();
        Files.writeString(dir.resolve("SHA256SUMS"), "\nabc  train-images-idx3-ubyte.gz\n");

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir).load());

        assertEquals(dir.resolve("SHA256SUMS") + ": line 2 is not '<64 hex digits>  <file name>' as sha256sum writes it: "
                + "'abc  train-images-idx3-ubyte.gz'", e.getMessage());
    }

    @Test
    void imageAndLabelCountMismatchNamesBothFiles() throws IOException {
        writeGzipped();
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(7, 2, 1)));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir).load());

        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + " has 2 images, but " + dir.resolve("t10k-labels-idx1-ubyte.gz")
                + " has 3 labels; the two files must belong together", e.getMessage());
    }

    @Test
    void labelAboveNineNamesFileAndIndex() throws IOException {
        writeGzipped();
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(5, 10, 9)));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir).load());

        assertEquals(dir.resolve("train-labels-idx1-ubyte.gz") + ": label 10 at index 1 is not a digit 0–9", e.getMessage());
    }

    @Test
    void labelsInPlaceOfImagesAreRejected() throws IOException {
        writeGzipped();
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(TEST_LABELS));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir).load());

        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + ": expected images (IDX magic 0x00000803, 3 dimensions), "
                + "found labels (IDX magic 0x00000801, 1 dimension) [2]",
                e.getMessage());
    }

    @Test
    void testImagesOfAnotherSizeAreRejected() throws IOException {
        writeGzipped();
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(2, 3, 2, 0)));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir).load());

        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + ": images are 3×2 pixels, but " + dir.resolve("train-images-idx3-ubyte.gz")
                + " has 2×3; training and test images must have one size", e.getMessage());
    }

    @Test
    void missingFileSaysWhichNamesWereTried() throws IOException {
        writeGzipped();
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Mnist.fromDirectory(dir).load());

        assertEquals("directory " + dir + ": neither t10k-labels-idx1-ubyte.gz nor t10k-labels-idx1-ubyte found; expected the MNIST files "
                + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each gzipped or raw)",
                e.getMessage());
        assertInstanceOf(NoSuchFileException.class, e.getCause());
    }

    @Test
    void aDanglingLinkInPlaceOfAFileIsNamedForWhatItIs() throws IOException {
        writeGzipped();
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        Path link = Files.createSymbolicLink(dir.resolve("t10k-labels-idx1-ubyte.gz"), dir.resolve("elsewhere.gz"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Mnist.fromDirectory(dir).load());

        assertEquals(link + ": cannot read: it is a symbolic link to '" + dir.resolve("elsewhere.gz") + "', which does not exist",
                e.getMessage());
    }

    @Test
    void aFileGivenAsTheDirectoryIsNamedForWhatItIs() throws IOException {
        Path file = Files.writeString(dir.resolve("train-images-idx3-ubyte"), "not a directory");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Mnist.fromDirectory(file).load());

        assertEquals(file + ": cannot read: it is a regular file, not a directory", e.getMessage());
    }

    @Test
    void checksumFileIsReadOnlyUpToItsBound() throws IOException {
        writeGzipped();
        String line = "0".repeat(64) + "  some-other-file\n";
        Files.writeString(dir.resolve("SHA256SUMS"), line.repeat(Mnist.MAX_CHECKSUMS_BYTES / line.length() + 1));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir).load());

        assertEquals(dir.resolve("SHA256SUMS") + ": more than 1048576 bytes; sha256sum writes one line of about 90 bytes per "
                + "file, and the MNIST files are four: this is not a list of their sums", e.getMessage());
    }

    @Test
    void loadsFromAClassLoaderAndNamesResourcesInMessages() throws IOException {
        Path resources = Files.createDirectories(dir.resolve("res/data/mnist"));
        writeGzipped(resources);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("res").toUri().toURL()}, null)) {
            assertArrayEquals(new int[] {5, 0, 9}, Mnist.fromClasspath(loader, "/data/mnist").load().getTrain().getLabels());

            Files.write(resources.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(7, 12)));
            IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.fromClasspath(loader, "data/mnist/").load());
            assertEquals("classpath:data/mnist/t10k-labels-idx1-ubyte.gz: label 12 at index 1 is not a digit 0–9", e.getMessage());
        }
    }

    @Test
    void classpathLocationIsRelativeToTheAnchorsPackageUnlessAbsolute() {
        UncheckedIOException relative = assertThrows(UncheckedIOException.class, () -> Mnist.fromClasspath(MnistTest.class, "nowhere").load());
        UncheckedIOException absolute = assertThrows(UncheckedIOException.class, () -> Mnist.fromClasspath(MnistTest.class, "/nowhere").load());

        assertTrue(relative.getMessage().startsWith("classpath location dev/scratchnet/runtime/data/nowhere/: neither train-images"),
                relative.getMessage());
        assertTrue(absolute.getMessage().startsWith("classpath location nowhere/: neither train-images"), absolute.getMessage());
    }

    private void writeGzipped() throws IOException {
        writeGzipped(dir);
    }

    private static void writeGzipped(Path target) throws IOException {
        Files.write(target.resolve("train-images-idx3-ubyte.gz"), gzip(TRAIN_IMAGES));
        Files.write(target.resolve("train-labels-idx1-ubyte.gz"), gzip(TRAIN_LABELS));
        Files.write(target.resolve("t10k-images-idx3-ubyte.gz"), gzip(TEST_IMAGES));
        Files.write(target.resolve("t10k-labels-idx1-ubyte.gz"), gzip(TEST_LABELS));
    }

    /** SHA256SUMS as {@code sha256sum} writes it, computed from the files on disk. */
    private void writeSums() throws IOException {
        StringBuilder sums = new StringBuilder();
        for (String name : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz"}) {
            sums.append(sha256(Files.readAllBytes(dir.resolve(name)))).append("  ").append(name).append('\n');
        }
        Files.writeString(dir.resolve("SHA256SUMS"), sums);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
