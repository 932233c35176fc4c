package dev.scratchnet.runtime.train;

/** How the trainer computes gradients (the CLI's {@code --gradient}). */
public enum GradientMode {
    /** Backpropagation, {@link dev.scratchnet.runtime.Model#gradient}: chapter 5. */
    BACKPROP,
    /** Central differences, {@link dev.scratchnet.runtime.Model#numericalGradient}: chapter 4, slow. */
    NUMERICAL
}
