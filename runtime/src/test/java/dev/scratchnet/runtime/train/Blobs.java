package dev.scratchnet.runtime.train;

import dev.scratchnet.runtime.data.Dataset;
import org.apache.commons.math3.random.Well19937c;

/**
 * A small synthetic classification task: three classes in four features, class {@code k} centred at
 * {@code 3·e_k} with unit Gaussian noise in every feature, so a linear classifier separates them well but not
 * perfectly.
 */
final class Blobs {
    static final int FEATURES = 4;
    static final int CLASSES = 3;

    private Blobs() {
    }

    static Dataset dataset(int rows, long seed) {
        Well19937c random = new Well19937c(seed);
        double[] x = new double[rows * FEATURES];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = r % CLASSES;
            for (int f = 0; f < FEATURES; f++) {
                x[r * FEATURES + f] = (f == labels[r] ? 3 : 0) + random.nextGaussian();
            }
        }
        return new Dataset(x, labels, FEATURES, CLASSES);
    }

    static Dataset train() {
        return dataset(300, 1);
    }

    static Dataset test() {
        return dataset(150, 2);
    }
}
