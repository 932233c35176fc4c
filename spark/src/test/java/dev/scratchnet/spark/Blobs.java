package dev.scratchnet.spark;

import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.data.Mnist;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.math3.random.Well19937c;

/**
 * Small synthetic data for tests: 2×4-pixel images of three classes, each a noisy blob around its class's own
 * pixel values, as datasets or as IDX files in MNIST's layout. Pixels are bytes, normalised as {@link Mnist} does,
 * so the two forms hold the same values.
 */
public final class Blobs {
    public static final int ROWS = 2;
    public static final int COLS = 4;
    public static final int FEATURES = ROWS * COLS;
    public static final int CLASSES = 3;

    private Blobs() {
    }

    /** {@code n} images; {@code labels} receives their classes. */
    private static byte[] pixels(int n, long seed, int[] labels) {
        Well19937c centres = new Well19937c(42);
        double[] centre = new double[CLASSES * FEATURES];
        for (int i = 0; i < centre.length; i++) {
            centre[i] = 30 + 190 * centres.nextDouble();
        }
        Well19937c noise = new Well19937c(seed);
        byte[] pixels = new byte[n * FEATURES];
        for (int r = 0; r < n; r++) {
            labels[r] = r % CLASSES;
            for (int j = 0; j < FEATURES; j++) {
                double v = centre[labels[r] * FEATURES + j] + 45 * noise.nextGaussian();
                pixels[r * FEATURES + j] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return pixels;
    }

    /** {@code n} rows drawn with {@code seed}. */
    public static Dataset dataset(int n, long seed) {
        int[] labels = new int[n];
        byte[] pixels = pixels(n, seed, labels);
        double[] x = new double[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[i] & 0xFF) / 255.0;
        }
        return new Dataset(x, labels, FEATURES, CLASSES);
    }

    /** Writes {@code dataset(train, 1)} and {@code dataset(test, 2)} as the four IDX files of MNIST into {@code directory}. */
    public static void writeIdx(Path directory, int train, int test) throws IOException {
        write(directory, Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, train, 1);
        write(directory, Mnist.TEST_IMAGES, Mnist.TEST_LABELS, test, 2);
    }

    private static void write(Path directory, String imagesName, String labelsName, int n, long seed) throws IOException {
        int[] labels = new int[n];
        byte[] pixels = pixels(n, seed, labels);
        try (DataOutputStream images = new DataOutputStream(Files.newOutputStream(directory.resolve(imagesName)))) {
            images.writeInt(0x00000803);
            images.writeInt(n);
            images.writeInt(ROWS);
            images.writeInt(COLS);
            images.write(pixels);
        }
        try (OutputStream out = Files.newOutputStream(directory.resolve(labelsName));
                DataOutputStream labelFile = new DataOutputStream(out)) {
            labelFile.writeInt(0x00000801);
            labelFile.writeInt(n);
            for (int label : labels) {
                labelFile.writeByte(label);
            }
        }
    }
}
