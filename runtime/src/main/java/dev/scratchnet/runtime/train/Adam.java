package dev.scratchnet.runtime.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam in the book's form ({@code common/optimizer.py}): each update {@code iter += 1} and
 * {@code lr_t = lr·√(1 − β2^iter) / (1 − β1^iter)}; then per weight {@code m += (1 − β1)(g − m)},
 * {@code v += (1 − β2)(g² − v)}, {@code W −= lr_t·m / (√v + 1e-7)}.
 *
 * <p>The iteration is counted by {@link #beginUpdate()}, once per update (as the book increments {@code iter}
 * once per {@code update(params, grads)}), so every parameter array of one update uses the same {@code lr_t}.
 * State: {@code m.<index>}, {@code v.<index>} and {@code iter}.
 */
public final class Adam implements Optimizer {
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    private static final String ITERATION_KEY = "iter";

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final StateArrays moments = new StateArrays("m");
    private final StateArrays squares = new StateArrays("v");
    private long iteration;
    private double stepLearningRate;

    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2);
    }

    public Adam(double learningRate, double beta1, double beta2) {
        this.learningRate = Hyperparameters.learningRate("Adam", learningRate);
        this.beta1 = Hyperparameters.decay("Adam", "beta1", beta1);
        this.beta2 = Hyperparameters.decay("Adam", "beta2", beta2);
    }

    public double getLearningRate() {
        return learningRate;
    }

    public double getBeta1() {
        return beta1;
    }

    public double getBeta2() {
        return beta2;
    }

    /** Updates begun so far: the book's {@code iter}. */
    public long getIteration() {
        return iteration;
    }

    @Override
    public void beginUpdate() {
        iteration++;
        stepLearningRate = learningRate * Math.sqrt(1.0 - Math.pow(beta2, iteration)) / (1.0 - Math.pow(beta1, iteration));
    }

    @Override
    public void step(int index, double[] w, double[] g) {
        if (iteration == 0) {
            throw new IllegalStateException(
                    "Adam.step called before beginUpdate(): call beginUpdate() once per update, before its step() calls");
        }
        double[] m = moments.get(index, w.length);
        double[] v = squares.get(index, w.length);
        for (int i = 0; i < w.length; i++) {
            m[i] += (1 - beta1) * (g[i] - m[i]);
            v[i] += (1 - beta2) * (g[i] * g[i] - v[i]);
            w[i] -= stepLearningRate * m[i] / (Math.sqrt(v[i]) + 1e-7);
        }
    }

    @Override
    public Map<String, double[]> getState() {
        Map<String, double[]> state = new LinkedHashMap<>();
        state.put(ITERATION_KEY, new double[] {iteration});
        moments.exportTo(state);
        squares.exportTo(state);
        return state;
    }

    @Override
    public void setState(Map<String, double[]> state) {
        StateArrays.requireKnownKeys("Adam", state, List.of(ITERATION_KEY), moments, squares);
        double count = state.get(ITERATION_KEY)[0];
        if (!(count >= 0) || count != Math.rint(count) || count > 1L << 53) {
            throw new IllegalArgumentException("Adam state: '" + ITERATION_KEY + "' must be a whole number >= 0, got " + count);
        }
        moments.importFrom(state);
        squares.importFrom(state);
        iteration = (long) count;
    }
}
