package dev.scratchnet.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Times the kernels on the book's TwoLayerNet, 784-50-10 with a ReLU or sigmoid hidden layer and softmax with
 * loss, batch 100: the first layer's forward pass, each phase of one SGD step written with the kernels the
 * way the generated model calls them, and this core's peak. Not a test: run it with {@code java}, e.g.
 *
 * <pre>
 * mvn -q -pl runtime test-compile
 * java --add-modules jdk.incubator.vector -cp runtime/target/classes:runtime/target/test-classes \
 *     dev.scratchnet.runtime.internal.KernelBenchmark [relu|sigmoid] [MNIST_DIR]
 * </pre>
 *
 * (without {@code --add-modules}, or with {@code -Dscratchnet.kernels=scalar}, it times the scalar kernels).
 *
 * With {@code MNIST_DIR} (holding {@code train-images-idx3-ubyte.gz}) batches are drawn from MNIST; without
 * it, from random rows with MNIST's share of zeros. Times are medians of repeated runs, in wall time and in
 * CPU time of the benchmark thread (which excludes the kernels' helper thread but shows when the machine is
 * shared with other work).
 */
public final class KernelBenchmark {
    private static final int IN = 784;
    private static final int HIDDEN = 50;
    private static final int OUT = 10;
    private static final int ROWS = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final double[] data;
    private final int[] labels;
    private final boolean sigmoid;
    private final Random random = new Random(0);
    private final double[] w1 = new double[IN * HIDDEN];
    private final double[] b1 = new double[HIDDEN];
    private final double[] w2 = new double[HIDDEN * OUT];
    private final double[] b2 = new double[OUT];
    private final double[] x = new double[ROWS * IN];
    private final double[] t = new double[ROWS * OUT];
    private final double[] a1 = new double[ROWS * HIDDEN];
    private final double[] z1 = new double[ROWS * HIDDEN];
    private final double[] a2 = new double[ROWS * OUT];
    private final double[] y = new double[ROWS * OUT];
    private final double[] d1 = new double[ROWS * HIDDEN];
    private final double[] d2 = new double[ROWS * OUT];
    private final double[] dw1 = new double[IN * HIDDEN];
    private final double[] db1 = new double[HIDDEN];
    private final double[] dw2 = new double[HIDDEN * OUT];
    private final double[] db2 = new double[OUT];
    private final long[] phase = new long[6];
    private long nonZeros;
    private long samples;

    private KernelBenchmark(double[] data, int[] labels, boolean sigmoid) {
        this.data = data;
        this.labels = labels;
        this.sigmoid = sigmoid;
        for (int i = 0; i < w1.length; i++) {
            w1[i] = 0.01 * random.nextGaussian();
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = 0.01 * random.nextGaussian();
        }
    }

    public static void main(String[] args) throws IOException {
        boolean sigmoid = args.length > 0 && args[0].equals("sigmoid");
        double[] data;
        int[] labels;
        if (args.length > 1) {
            data = mnistImages(Path.of(args[1], "train-images-idx3-ubyte.gz"));
            labels = mnistLabels(Path.of(args[1], "train-labels-idx1-ubyte.gz"));
        } else {
            data = mnistLike(10_000, new Random(1));
            labels = new Random(2).ints(10_000, 0, OUT).toArray();
        }
        System.out.printf("kernels: %s; hidden: %s; rows from %s%n", Kernels.implementation(),
                sigmoid ? "sigmoid" : "relu", args.length > 1 ? args[1] : "random MNIST-like rows");
        System.out.printf("peak: %.1f GFLOP/s (one core, fma in registers)%n", Peak.measureGflops());
        KernelBenchmark bench = new KernelBenchmark(data, labels, sigmoid);
        bench.firstLayer();
        bench.trainSteps();
    }

    private void firstLayer() {
        drawBatch();
        int nonZero = 0;
        for (double v : x) {
            nonZero += v != 0 ? 1 : 0;
        }
        double[] cpu = new double[31];
        double[] wall = new double[31];
        for (int warm = 0; warm < 2000; warm++) {
            Kernels.affine(x, ROWS, IN, w1, b1, HIDDEN, a1);
        }
        for (int run = 0; run < cpu.length; run++) {
            long c = THREADS.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            for (int k = 0; k < 100; k++) {
                Kernels.affine(x, ROWS, IN, w1, b1, HIDDEN, a1);
            }
            wall[run] = (System.nanoTime() - s) / 100e6;
            cpu[run] = (THREADS.getCurrentThreadCpuTime() - c) / 100e6;
        }
        double ms = median(cpu);
        System.out.printf("first-layer forward (100 rows, %.1f%% zeros): %.4f ms cpu, %.4f ms wall, %.1f GFLOP/s on non-zeros%n",
                100.0 * (x.length - nonZero) / x.length, ms, median(wall), 2.0 * nonZero * HIDDEN / ms / 1e6);
    }

    private void trainSteps() {
        String[] names = {"draw batch", "forward layer 1", "forward layer 2 + softmax", "backward layer 2", "backward layer 1", "SGD update"};
        int steps = 2000;
        for (int warm = 0; warm < 3000; warm++) {
            step();
        }
        double[] cpu = new double[7];
        double[] wall = new double[7];
        double[][] phases = new double[names.length][7];
        for (int run = 0; run < cpu.length; run++) {
            Arrays.fill(phase, 0);
            long c = THREADS.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            for (int k = 0; k < steps; k++) {
                step();
            }
            wall[run] = (System.nanoTime() - s) / 1e3 / steps;
            cpu[run] = (THREADS.getCurrentThreadCpuTime() - c) / 1e3 / steps;
            for (int p = 0; p < names.length; p++) {
                phases[p][run] = phase[p] / 1e3 / steps;
            }
        }
        double us = median(wall);
        // Dense: what numpy computes (x·W1 and xᵀ·d1 in full); performed: zero inputs skipped in both.
        double dense = 2.0 * ROWS * (2.0 * IN * HIDDEN + 3.0 * HIDDEN * OUT);
        double performed = 2.0 * (2.0 * nonZeros * HIDDEN / samples) + 2.0 * ROWS * 3.0 * HIDDEN * OUT;
        System.out.printf("SGD step: %.1f µs wall, %.1f µs cpu of this thread → 10,000 iterations in %.2f s%n",
                us, median(cpu), us * 1e-2);
        System.out.printf("  %.1f GFLOP/s dense-equivalent (%.1f MFLOP a step), %.1f GFLOP/s performed (%.1f MFLOP)%n",
                dense / us / 1e3, dense / 1e6, performed / us / 1e3, performed / 1e6);
        for (int p = 0; p < names.length; p++) {
            System.out.printf("  %-26s %7.1f µs wall%n", names[p], median(phases[p]));
        }
    }

    private void step() {
        long s0 = System.nanoTime();
        drawBatch();
        long s1 = System.nanoTime();
        if (samples < 1000) {
            for (double v : x) {
                nonZeros += v != 0 ? 1 : 0;
            }
            samples++;
        }
        Kernels.affine(x, ROWS, IN, w1, b1, HIDDEN, a1);
        for (int i = 0; i < ROWS * HIDDEN; i++) {
            double v = a1[i];
            z1[i] = sigmoid ? 1.0 / (1.0 + Math.exp(-v)) : v > 0.0 ? v : 0.0;
        }
        long s2 = System.nanoTime();
        Kernels.affine(z1, ROWS, HIDDEN, w2, b2, OUT, a2);
        for (int r = 0; r < ROWS; r++) {
            int row = r * OUT;
            double max = a2[row];
            for (int j = 1; j < OUT; j++) {
                max = Math.max(max, a2[row + j]);
            }
            double sum = 0.0;
            for (int j = 0; j < OUT; j++) {
                double e = Math.exp(a2[row + j] - max);
                y[row + j] = e;
                sum += e;
            }
            for (int j = 0; j < OUT; j++) {
                y[row + j] /= sum;
            }
        }
        long s3 = System.nanoTime();
        for (int i = 0; i < ROWS * OUT; i++) {
            d2[i] = (y[i] - t[i]) / ROWS;
        }
        Kernels.transposeTimes(z1, ROWS, HIDDEN, d2, OUT, dw2);
        Kernels.sumRows(d2, ROWS, OUT, db2);
        Kernels.timesTranspose(d2, ROWS, OUT, w2, HIDDEN, d1);
        for (int i = 0; i < ROWS * HIDDEN; i++) {
            double z = z1[i];
            d1[i] *= sigmoid ? z * (1.0 - z) : z > 0.0 ? 1.0 : 0.0;
        }
        long s4 = System.nanoTime();
        Kernels.transposeTimes(x, ROWS, IN, d1, HIDDEN, dw1);
        Kernels.sumRows(d1, ROWS, HIDDEN, db1);
        long s5 = System.nanoTime();
        update(w1, dw1);
        update(b1, db1);
        update(w2, dw2);
        update(b2, db2);
        long s6 = System.nanoTime();
        phase[0] += s1 - s0;
        phase[1] += s2 - s1;
        phase[2] += s3 - s2;
        phase[3] += s4 - s3;
        phase[4] += s5 - s4;
        phase[5] += s6 - s5;
    }

    private static void update(double[] p, double[] g) {
        for (int i = 0; i < p.length; i++) {
            p[i] -= 0.1 * g[i];
        }
    }

    private void drawBatch() {
        int n = labels.length;
        Arrays.fill(t, 0.0);
        for (int r = 0; r < ROWS; r++) {
            int k = random.nextInt(n);
            System.arraycopy(data, k * IN, x, r * IN, IN);
            t[r * OUT + labels[k]] = 1.0;
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Rows with MNIST's share of zero pixels (81%), the rest k/255 as MNIST's normalised bytes. */
    private static double[] mnistLike(int rows, Random random) {
        double[] v = new double[rows * IN];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble() < 0.81 ? 0.0 : (1 + random.nextInt(255)) / 255.0;
        }
        return v;
    }

    private static double[] mnistImages(Path file) throws IOException {
        byte[] raw = gunzip(file);
        int count = (raw.length - 16) / IN;
        double[] v = new double[count * IN];
        for (int i = 0; i < v.length; i++) {
            v[i] = (raw[16 + i] & 0xff) / 255.0;
        }
        return v;
    }

    private static int[] mnistLabels(Path file) throws IOException {
        byte[] raw = gunzip(file);
        int[] v = new int[raw.length - 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = raw[8 + i];
        }
        return v;
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
