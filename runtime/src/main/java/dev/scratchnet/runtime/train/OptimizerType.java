package dev.scratchnet.runtime.train;

/** The optimisers of chapter 6 by name (the CLI's {@code --optimizer}), with their book default hyperparameters. */
public enum OptimizerType {
    SGD,
    MOMENTUM,
    ADAGRAD,
    ADAM;

    /** A new optimizer of this type with learning rate {@code learningRate} and the book's other defaults. */
    public Optimizer create(double learningRate) {
        return switch (this) {
            case SGD -> new Sgd(learningRate);
            case MOMENTUM -> new Momentum(learningRate);
            case ADAGRAD -> new AdaGrad(learningRate);
            case ADAM -> new Adam(learningRate);
        };
    }
}
