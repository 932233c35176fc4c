package dev.scratchnet.runtime.train;

/**
 * Receives a {@link Trainer}'s progress: one {@link TrainingEvent.Kind#ITERATION} event after every iteration and
 * one {@link TrainingEvent.Kind#EVALUATION} event after each accuracy evaluation. From Kotlin:
 * {@code trainer.addListener { e -> if (e.isEvaluation) println(e.testAccuracy) }}.
 */
@FunctionalInterface
public interface TrainingListener {
    void onEvent(TrainingEvent event);
}
