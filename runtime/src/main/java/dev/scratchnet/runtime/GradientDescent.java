package dev.scratchnet.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Gradient descent on a function of a vector, {@code x ← x - η · ∇f(x)} with the numerical gradient: the
 * book's {@code gradient_descent} (chapter 4), which shows that a learning rate too large diverges and one
 * too small barely moves.
 */
public final class GradientDescent {
    private GradientDescent() {}

    /**
     * Takes {@code steps} steps of gradient descent on {@code f} from {@code init} (which is not modified).
     *
     * @param learningRate η, finite and positive
     * @param steps        the number of updates, at least 0
     */
    public static Result descend(ToDoubleFunction<double[]> f, double[] init, double learningRate, int steps) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and positive, got " + learningRate);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be 0 or more, got " + steps);
        }
        double[] x = init.clone();
        double[] grad = new double[x.length];
        List<double[]> path = new ArrayList<>(steps + 1);
        path.add(x.clone());
        for (int s = 0; s < steps; s++) {
            NumericalDifferentiation.numericalGradient(() -> f.applyAsDouble(x), x, grad);
            for (int i = 0; i < x.length; i++) {
                x[i] -= learningRate * grad[i];
            }
            path.add(x.clone());
        }
        return new Result(path);
    }

    /** Where a descent ended and every point it passed through; getters return copies. */
    public static final class Result {
        private final List<double[]> path;

        private Result(List<double[]> path) {
            this.path = path;
        }

        /** A copy of the final point. */
        public double[] getPoint() {
            return path.get(path.size() - 1).clone();
        }

        /** Copies of every point, the initial one first: {@code steps + 1} points. */
        public List<double[]> getPath() {
            List<double[]> copy = new ArrayList<>(path.size());
            for (double[] point : path) {
                copy.add(point.clone());
            }
            return Collections.unmodifiableList(copy);
        }
    }
}
