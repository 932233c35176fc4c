package dev.scratchnet.runtime.internal;

import dev.scratchnet.runtime.Batch;

/**
 * A model that hands the scores of a batch's rows and each row's loss, from one forward pass, to an evaluation:
 * what the trainer's held-out loss and accuracy, and the evaluations' confusion matrices and errors, are computed
 * from. Generated models and the DSL's networks implement it; for other models the evaluation makes do with
 * {@code predict} and {@code loss}.
 */
public interface Scored {
    /** Runs the forward pass and the loss over the rows of {@code batch} and hands the results to {@code sink}. */
    void score(Batch batch, Sink sink);

    /** Receives the results of {@link #score}. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param scores  each row's scores ({@code rows × outputs}, row-major, valid in its first rows): the last
         *                layer's pre-activations under a softmax loss (whose largest is the predicted class), its
         *                outputs under the squared error
         * @param rowLoss each row's loss, valid in its first rows
         */
        void accept(Batch batch, double[] scores, double[] rowLoss);
    }
}
