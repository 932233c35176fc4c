package dev.scratchnet.runtime;

/**
 * The logic gates of chapter 2 as perceptrons: {@code y = (w1·x1 + w2·x2 + b > 0) ? 1 : 0}, with the
 * book's weights and biases. XOR cannot be one perceptron; it is the two-layer composition
 * {@code AND(NAND(x1, x2), OR(x1, x2))}.
 */
public final class Perceptrons {
    private Perceptrons() {}

    /** w = (0.5, 0.5), b = -0.7. */
    public static int and(int x1, int x2) {
        return perceptron(x1, x2, 0.5, 0.5, -0.7);
    }

    /** w = (-0.5, -0.5), b = 0.7. */
    public static int nand(int x1, int x2) {
        return perceptron(x1, x2, -0.5, -0.5, 0.7);
    }

    /** w = (0.5, 0.5), b = -0.2. */
    public static int or(int x1, int x2) {
        return perceptron(x1, x2, 0.5, 0.5, -0.2);
    }

    /** The two-layer perceptron: NAND and OR feed AND. */
    public static int xor(int x1, int x2) {
        return and(nand(x1, x2), or(x1, x2));
    }

    /** One perceptron with two inputs: 1 when {@code w1·x1 + w2·x2 + b > 0}, else 0. */
    public static int perceptron(double x1, double x2, double w1, double w2, double b) {
        return w1 * x1 + w2 * x2 + b > 0 ? 1 : 0;
    }
}
