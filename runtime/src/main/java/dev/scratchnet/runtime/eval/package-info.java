/**
 * How well a trained model does: {@link dev.scratchnet.runtime.eval.Evaluation#of} a model on a dataset gives a
 * {@link dev.scratchnet.runtime.eval.ClassificationEvaluation} (accuracy, confusion matrix, precision, recall, F1)
 * or a {@link dev.scratchnet.runtime.eval.RegressionEvaluation} (MSE, MAE, R²).
 */
@NullMarked
package dev.scratchnet.runtime.eval;

import org.jspecify.annotations.NullMarked;
