package dev.scratchnet.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.Matrix;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.data.IdxFormatException;
import dev.scratchnet.runtime.data.Mnist;
import dev.scratchnet.runtime.data.MnistData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real MNIST shipped in the samples jar: shapes, the published first labels and pixels, checksums. */
class EmbeddedMnistTest {
    private static final String[] FILES = {"SHA256SUMS", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

    @Test
    void trainingSetIs60000ImagesOf28By28StartingWithTheKnownDigits() {
        MnistData data = EmbeddedMnist.load();
        Dataset train = data.getTrain();

        assertEquals(60000, train.getSize());
        assertEquals(784, train.getFeatures());
        assertEquals(10, train.getClasses());
        assertEquals(28, data.getImageRows());
        assertEquals(28, data.getImageCols());
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(train.getLabels(), 10));
        // Row 5 of the first image (the "5"), as printed in countless tutorials and read independently with Python's gzip.
        int[] row5 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 18, 18, 18, 126, 136, 175, 26, 166, 255, 247, 127, 0, 0, 0, 0};
        for (int c = 0; c < 28; c++) {
            assertEquals(row5[c] / 255.0, train.getX()[5 * 28 + c], "pixel (5, " + c + ") of the first training image");
        }
        assertEquals(27525 / 255.0, pixelSum(train.getX(), 0), 1e-9);
    }

    @Test
    void testSetIs10000ImagesStartingWithTheKnownDigits() {
        Dataset test = EmbeddedMnist.load().getTest();

        assertEquals(10000, test.getSize());
        assertEquals(784, test.getFeatures());
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(test.getLabels(), 10));
        assertEquals(18454 / 255.0, pixelSum(test.getX(), 0), 1e-9);
    }

    @Test
    void pixelsAreNormalisedIntoZeroToOneReachingBothEnds() {
        MnistData data = EmbeddedMnist.load();

        for (Dataset d : List.of(data.getTrain(), data.getTest())) {
            double min = Arrays.stream(d.getX()).min().orElseThrow();
            double max = Arrays.stream(d.getX()).max().orElseThrow();
            assertEquals(0.0, min);
            assertEquals(1.0, max);
        }
        assertTrue(data.isNormalized());
    }

    @Test
    void oneHotLabelsHaveRowsSummingToOneAtTheLabel() {
        Dataset test = EmbeddedMnist.load().getTest();

        Matrix t = test.oneHotLabels();

        assertEquals(10000, t.getRows());
        assertEquals(10, t.getCols());
        assertArrayEquals(test.getLabels(), t.argmaxRows());
        for (int i = 0; i < t.getRows(); i++) {
            assertEquals(1.0, Arrays.stream(t.getRow(i)).sum(), "row " + i);
        }
    }

    @Test
    void loadsOnceAndSharesTheResultAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MnistData>> loads = pool.invokeAll(List.of(EmbeddedMnist::load, EmbeddedMnist::load, EmbeddedMnist::load,
                    EmbeddedMnist::load));
            for (Future<MnistData> load : loads) {
                assertSame(EmbeddedMnist.load(), load.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void copyWithOneFlippedByteFailsItsChecksumNamingTheFile(@TempDir Path dir) throws IOException {
        for (String name : FILES) {
            try (InputStream in = EmbeddedMnist.class.getResourceAsStream(EmbeddedMnist.RESOURCE_DIR + "/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(labels, bytes);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.fromDirectory(dir).load());

        assertTrue(e.getMessage().startsWith(labels + ": SHA-256 is "), e.getMessage());
        assertTrue(e.getMessage().contains(", but SHA256SUMS expects 1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203;"),
                e.getMessage());
    }

    /** Sum of the 784 pixels of image {@code image}. */
    private static double pixelSum(double[] x, int image) {
        return Arrays.stream(x, image * 784, (image + 1) * 784).sum();
    }
}
