package dev.scratchnet.runtime.train;

import dev.scratchnet.runtime.Parameter;
import java.util.List;

/**
 * Stops training when the held-out loss has stopped improving, as Keras's {@code EarlyStopping(monitor="val_loss")}
 * does: at each evaluation the test-set loss counts as an improvement when it is below the best so far by more than
 * {@code minDelta}; after {@code patience} evaluations in a row without one, it asks the trainer to stop after the
 * current iteration and, if asked to, puts back the weights of the best evaluation first, so that the run's final
 * evaluation and saved weights are those. Add it with {@link Trainer#addListener}; one instance serves one run.
 */
public final class EarlyStopping implements TrainingListener {
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestIteration = -1;
    private int withoutImprovement;
    private int stoppedIteration = -1;
    private double[][] bestWeights;

    /**
     * @param patience           evaluations without improvement before stopping, at least 1
     * @param minDelta           the least decrease of the held-out loss that counts as an improvement, {@code ≥ 0}
     * @param restoreBestWeights whether to put back the weights of the best evaluation when stopping
     */
    public EarlyStopping(int patience, double minDelta, boolean restoreBestWeights) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1 evaluations, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be finite and >= 0, got " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBestWeights = restoreBestWeights;
    }

    @Override
    public void onEvent(TrainingEvent event) {
        if (!event.isEvaluation() || stoppedIteration >= 0) {
            return;
        }
        double loss = event.getTestLoss();
        List<Parameter> parameters = event.getTrainer().getModel().getParameters();
        if (loss < bestLoss - minDelta) {
            bestLoss = loss;
            bestIteration = event.getIteration();
            withoutImprovement = 0;
            if (restoreBestWeights) {
                keep(parameters);
            }
        } else if (++withoutImprovement >= patience) {
            stoppedIteration = event.getIteration();
            if (restoreBestWeights && bestWeights != null) {
                for (int p = 0; p < parameters.size(); p++) {
                    System.arraycopy(bestWeights[p], 0, parameters.get(p).getValues(), 0, bestWeights[p].length);
                }
            }
            event.getTrainer().requestStop();
        }
    }

    private void keep(List<Parameter> parameters) {
        if (bestWeights == null) {
            bestWeights = new double[parameters.size()][];
        }
        for (int p = 0; p < parameters.size(); p++) {
            bestWeights[p] = parameters.get(p).getValues().clone();
        }
    }

    /** Whether it stopped the run. */
    public boolean hasStopped() {
        return stoppedIteration >= 0;
    }

    /** The iteration after whose evaluation it stopped the run, or −1. */
    public int getStoppedIteration() {
        return stoppedIteration;
    }

    /** The lowest held-out loss seen, or infinity before the first evaluation. */
    public double getBestLoss() {
        return bestLoss;
    }

    /** The iteration after which the lowest held-out loss was seen, or −1. */
    public int getBestIteration() {
        return bestIteration;
    }
}
