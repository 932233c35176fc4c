package dev.scratchnet.runtime.eval;

import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.internal.InputRows;
import dev.scratchnet.runtime.internal.Scored;
import java.util.Arrays;

/**
 * How well a model does on a dataset: its loss, and the metrics of its task, {@link ClassificationEvaluation} or
 * {@link RegressionEvaluation}. Computed from one forward pass over the rows, in chunks that refer to the
 * dataset's rows rather than copy them.
 */
public abstract sealed class Evaluation permits ClassificationEvaluation, RegressionEvaluation {
    /** Rows per forward pass: enough to keep both cores busy, few enough that the pass's buffers stay small. */
    static final int CHUNK = 200;

    private final int rows;
    private final double loss;

    Evaluation(int rows, double loss) {
        this.rows = rows;
        this.loss = loss;
    }

    /** The evaluation of {@code model} on {@code data}, by the dataset's task (class labels or targets). */
    public static Evaluation of(Model model, Dataset data) {
        return data.isClassification() ? ClassificationEvaluation.of(model, data) : RegressionEvaluation.of(model, data);
    }

    /** The rows evaluated. */
    public int getRows() {
        return rows;
    }

    /** The model's loss, the mean over the rows (as {@link Model#loss} gives it for a batch). */
    public double getLoss() {
        return loss;
    }

    /**
     * Hands each chunk of {@code data}'s rows, with the model's scores and each row's loss, to {@code sink}; returns
     * the sum of the row losses.
     */
    static double score(Model model, Dataset data, Scored.Sink sink) {
        if (model.getInputs() != data.getFeatures() || model.getOutputs() != data.getOutputs()) {
            throw new IllegalArgumentException(model.getClass().getSimpleName() + " takes " + model.getInputs()
                    + " inputs and has " + model.getOutputs() + " outputs; the dataset's rows have " + data.getFeatures()
                    + " features and " + data.getOutputs() + (data.isClassification() ? " classes" : " targets"));
        }
        double[] lossSum = new double[1];
        Scored.Sink summing = (batch, scores, rowLoss) -> {
            for (int r = 0; r < batch.getSize(); r++) {
                lossSum[0] += rowLoss[r];
            }
            sink.accept(batch, scores, rowLoss);
        };
        if (model instanceof Scored scored) {
            data.forEachBatch(CHUNK, batch -> scored.score(batch, summing));
        } else {
            data.forEachBatch(CHUNK, batch -> summing.accept(batch, predict(model, batch), rowLoss(model, batch)));
        }
        return lossSum[0];
    }

    /** The outputs {@code predict} gives, for a model that cannot hand over its scores. */
    private static double[] predict(Model model, Batch batch) {
        double[] out = new double[batch.getSize() * model.getOutputs()];
        model.predict(InputRows.of(batch).dense(), batch.getSize(), out);
        return out;
    }

    /** Each row's share of the batch loss, for a model that cannot hand over its rows' losses. */
    private static double[] rowLoss(Model model, Batch batch) {
        double[] loss = new double[batch.getSize()];
        Arrays.fill(loss, model.loss(batch));
        return loss;
    }
}
