package dev.scratchnet.runtime.dsl;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Parameter;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Seeded small networks and batches for gradient checks, with an independent forward pass on Commons Math
 * matrices that also says how close any ReLU pre-activation comes to the kink at 0.
 */
final class RandomNetworks {
    static final int INPUTS = 4;
    static final int HIDDEN_UNITS = 5;
    static final int OUTPUTS = 3;
    static final int ROWS = 3;
    /** ReLU pre-activations at least this far from 0: {@code h = 1e-4} times weights and inputs below 2 cannot cross the kink. */
    static final double KINK_MARGIN = 1e-3;

    private RandomNetworks() {}

    /** {@code hidden} layers of {@code activation}, then the output layer {@code last} and {@code loss}, weights {@code 0.5 · N(0, 1)}. */
    static SequentialNetwork network(long seed, int hidden, ActivationFunction activation, ActivationFunction last, LossFunction loss) {
        NetworkBuilder builder = Networks.builder(INPUTS);
        for (int k = 0; k < hidden; k++) {
            builder.dense(HIDDEN_UNITS, activation);
        }
        SequentialNetwork net = builder.dense(OUTPUTS, last).loss(loss).build();
        RandomGenerator random = new Well19937c(seed);
        for (Parameter p : net.getParameters()) {
            double[] v = p.getValues();
            for (int i = 0; i < v.length; i++) {
                v[i] = 0.5 * random.nextGaussian();
            }
        }
        return net;
    }

    /**
     * {@link #ROWS} input rows uniform in {@code [-1, 1)}, each redrawn until none of its ReLU pre-activations
     * is within {@link #KINK_MARGIN} of 0 (so central differences see a smooth function), with one-hot targets
     * of random labels for cross-entropy or targets uniform in {@code [0, 1)} otherwise.
     */
    static Batch batch(long seed, SequentialNetwork net) {
        RandomGenerator random = new Well19937c(seed);
        double[][] rows = new double[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            do {
                rows[r] = new double[INPUTS];
                for (int i = 0; i < INPUTS; i++) {
                    rows[r][i] = 2 * random.nextDouble() - 1;
                }
            } while (closestReluPreActivation(net, rows[r]) < KINK_MARGIN);
        }
        if (net.getLoss() == LossFunction.MEAN_SQUARED_ERROR) {
            double[][] targets = new double[ROWS][OUTPUTS];
            for (double[] target : targets) {
                for (int j = 0; j < OUTPUTS; j++) {
                    target[j] = random.nextDouble();
                }
            }
            return Batch.ofTargets(rows, targets);
        }
        int[] labels = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            labels[r] = random.nextInt(OUTPUTS);
        }
        return Batch.of(rows, labels, OUTPUTS);
    }

    /** The smallest {@code |z|} over the pre-activations {@code z} of ReLU layers for {@code row}; infinity if there are none. */
    static double closestReluPreActivation(SequentialNetwork net, double[] row) {
        double closest = Double.POSITIVE_INFINITY;
        RealMatrix a = new Array2DRowRealMatrix(new double[][] {row});
        for (int k = 0; k < net.getLayers().size(); k++) {
            RealMatrix z = preActivation(net, k, a);
            ActivationFunction activation = net.getLayers().get(k).getActivation();
            if (activation == ActivationFunction.RELU) {
                for (double v : z.getRow(0)) {
                    closest = Math.min(closest, Math.abs(v));
                }
            }
            a = activate(z, activation);
        }
        return closest;
    }

    /**
     * The network's outputs by Commons Math: {@code a · W + b} and the activation per layer, then softmax
     * unless the loss is the mean squared error.
     */
    static RealMatrix predict(SequentialNetwork net, double[][] x) {
        RealMatrix a = new Array2DRowRealMatrix(x);
        for (int k = 0; k < net.getLayers().size(); k++) {
            a = activate(preActivation(net, k, a), net.getLayers().get(k).getActivation());
        }
        if (net.getLoss() != LossFunction.MEAN_SQUARED_ERROR) {
            for (int r = 0; r < a.getRowDimension(); r++) {
                double[] row = a.getRow(r);
                double max = Double.NEGATIVE_INFINITY;
                for (double v : row) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (double v : row) {
                    sum += Math.exp(v - max);
                }
                for (int j = 0; j < row.length; j++) {
                    a.setEntry(r, j, Math.exp(row[j] - max) / sum);
                }
            }
        }
        return a;
    }

    private static RealMatrix preActivation(SequentialNetwork net, int k, RealMatrix a) {
        RealMatrix z = a.multiply(net.getParameter("W" + (k + 1)).toRealMatrix());
        double[] b = net.getParameter("b" + (k + 1)).getValues();
        for (int r = 0; r < z.getRowDimension(); r++) {
            for (int j = 0; j < b.length; j++) {
                z.addToEntry(r, j, b[j]);
            }
        }
        return z;
    }

    private static RealMatrix activate(RealMatrix z, ActivationFunction activation) {
        RealMatrix out = z.copy();
        for (int r = 0; r < z.getRowDimension(); r++) {
            for (int j = 0; j < z.getColumnDimension(); j++) {
                double v = z.getEntry(r, j);
                out.setEntry(r, j, switch (activation) {
                    case SIGMOID -> 1 / (1 + Math.exp(-v));
                    case RELU -> Math.max(0, v);
                    case TANH -> Math.tanh(v);
                    case IDENTITY, SOFTMAX -> v;
                    case STEP -> throw new IllegalArgumentException("networks cannot have STEP layers");
                });
            }
        }
        return out;
    }
}
