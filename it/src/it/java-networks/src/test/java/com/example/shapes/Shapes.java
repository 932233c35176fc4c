package com.example.shapes;

import dev.scratchnet.runtime.data.Dataset;
import java.util.Random;

/** Points of the plane, labelled by the shape they were drawn from. */
final class Shapes {
    private Shapes() {}

    /** {@code rows} points around (0, 0), (4, 0) and (0, 4), standard deviation 0.7, labelled by their centre. */
    static Dataset blobs(int rows, long seed) {
        Random random = new Random(seed);
        double[][] centres = {{0, 0}, {4, 0}, {0, 4}};
        double[] x = new double[rows * 2];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % centres.length;
            x[2 * i] = centres[labels[i]][0] + 0.7 * random.nextGaussian();
            x[2 * i + 1] = centres[labels[i]][1] + 0.7 * random.nextGaussian();
        }
        return new Dataset(x, labels, 2, centres.length);
    }

    /** {@code rows} points on rings of radius 1 (label 0) and 3 (label 1), the radius jittered by ±0.3. */
    static Dataset rings(int rows, long seed) {
        Random random = new Random(seed);
        double[] x = new double[rows * 2];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % 2;
            double radius = (labels[i] == 0 ? 1 : 3) + 0.6 * (random.nextDouble() - 0.5);
            double angle = 2 * Math.PI * random.nextDouble();
            x[2 * i] = radius * Math.cos(angle);
            x[2 * i + 1] = radius * Math.sin(angle);
        }
        return new Dataset(x, labels, 2, 2);
    }
}
