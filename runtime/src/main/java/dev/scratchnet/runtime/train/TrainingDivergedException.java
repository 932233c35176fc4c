package dev.scratchnet.runtime.train;

/** Training produced a NaN or infinite loss or parameter; continuing would only spread it. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int iteration;

    public TrainingDivergedException(int iteration, String message) {
        super(message);
        this.iteration = iteration;
    }

    /** The iteration at which divergence was detected. */
    public int getIteration() {
        return iteration;
    }
}
