package dev.scratchnet.runtime.internal;

import dev.scratchnet.annotations.ActivationFunction;

/**
 * The element-wise activations of chapter 5's layers ({@code Relu}, {@code Sigmoid}, {@code Tanh}) over rows
 * {@code [from, to)} of {@code width} values, forward and backward, and for one value. Generated models and the
 * DSL's layers both compute with these, and a model's numerical gradient recomputes a perturbed unit with the
 * one-value forms, which give the same values as the row forms.
 *
 * <p>Backward takes the forward pass's output {@code z}, as the book's layers cache it, and the gradient
 * {@code dout} with respect to that output, and writes {@code dx}, the gradient with respect to the activation's
 * input ({@code dx} may be {@code dout} itself).
 */
public final class Activations {
    private Activations() {}

    /** {@code max(0, a)}: {@code +0.0} for {@code a ≤ 0} (also {@code -0.0}), NaN for NaN, as the book's mask leaves it. */
    public static double relu(double a) {
        return Math.max(a, 0.0);
    }

    /** {@code 1 / (1 + e^−a)}, by {@link ActivationMath}: the value the row forms give, vector kernels or not. */
    public static double sigmoid(double a) {
        return ActivationMath.sigmoid(a);
    }

    /** {@code tanh(a)}, by {@link ActivationMath}: the value the row forms give, vector kernels or not. */
    public static double tanh(double a) {
        return ActivationMath.tanh(a);
    }

    /** {@code f(a)} for a hidden or output activation; IDENTITY (and SOFTMAX, left to the loss) return {@code a}. */
    public static double apply(ActivationFunction f, double a) {
        return switch (f) {
            case RELU -> relu(a);
            case SIGMOID -> sigmoid(a);
            case TANH -> tanh(a);
            case IDENTITY, SOFTMAX -> a;
            case STEP -> throw noGradient();
        };
    }

    /** Rows {@code [from, to)}: {@code z = max(0, a)}. */
    public static void relu(double[] a, double[] z, int from, int to, int width) {
        for (int i = from * width, end = to * width; i < end; i++) {
            z[i] = relu(a[i]);
        }
    }

    /**
     * Rows {@code [from, to)}: the gradient passes where {@code z > 0} (and where it is NaN, as the book's mask
     * {@code x <= 0} lets it) and is {@code +0.0} elsewhere. Without a branch per unit: about half of a layer's
     * units are off in no pattern, so a branch would be mispredicted half the time. {@code z} is {@code +0.0},
     * positive or NaN, so its bits are zero exactly where the gradient stops, and {@code (bits | −bits) >> 63} is
     * then all zero bits, otherwise all one bits.
     */
    public static void reluBackward(double[] z, double[] dout, double[] dx, int from, int to, int width) {
        for (int i = from * width, end = to * width; i < end; i++) {
            long bits = Double.doubleToRawLongBits(z[i]);
            long keep = (bits | -bits) >> 63;
            dx[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(dout[i]) & keep);
        }
    }

    /** Rows {@code [from, to)}: {@code z = 1 / (1 + e^−a)}, several values at a time with the vector kernels. */
    public static void sigmoid(double[] a, double[] z, int from, int to, int width) {
        Kernels.sigmoid(a, z, from * width, to * width);
    }

    /** Rows {@code [from, to)}: {@code dx = dout · z(1 − z)}, the sigmoid's derivative from its output. */
    public static void sigmoidBackward(double[] z, double[] dout, double[] dx, int from, int to, int width) {
        for (int i = from * width, end = to * width; i < end; i++) {
            double v = z[i];
            dx[i] = dout[i] * (v * (1.0 - v));
        }
    }

    /** Rows {@code [from, to)}: {@code z = tanh(a)}, several values at a time with the vector kernels. */
    public static void tanh(double[] a, double[] z, int from, int to, int width) {
        Kernels.tanh(a, z, from * width, to * width);
    }

    /** Rows {@code [from, to)}: {@code dx = dout · (1 − z²)}, tanh's derivative from its output. */
    public static void tanhBackward(double[] z, double[] dout, double[] dx, int from, int to, int width) {
        for (int i = from * width, end = to * width; i < end; i++) {
            double v = z[i];
            dx[i] = dout[i] * (1.0 - v * v);
        }
    }

    /** Rows {@code [from, to)} of {@code z = f(a)}, for a layer whose activation is known only at run time. */
    public static void forward(ActivationFunction f, double[] a, double[] z, int from, int to, int width) {
        switch (f) {
            case RELU -> relu(a, z, from, to, width);
            case SIGMOID -> sigmoid(a, z, from, to, width);
            case TANH -> tanh(a, z, from, to, width);
            case IDENTITY, SOFTMAX -> System.arraycopy(a, from * width, z, from * width, (to - from) * width);
            case STEP -> throw noGradient();
        }
    }

    /** Rows {@code [from, to)} of {@code f}'s backward, for a layer whose activation is known only at run time. */
    public static void backward(ActivationFunction f, double[] z, double[] dout, double[] dx, int from, int to,
            int width) {
        switch (f) {
            case RELU -> reluBackward(z, dout, dx, from, to, width);
            case SIGMOID -> sigmoidBackward(z, dout, dx, from, to, width);
            case TANH -> tanhBackward(z, dout, dx, from, to, width);
            case IDENTITY, SOFTMAX -> {
                if (dx != dout) {
                    System.arraycopy(dout, from * width, dx, from * width, (to - from) * width);
                }
            }
            case STEP -> throw noGradient();
        }
    }

    private static IllegalArgumentException noGradient() {
        return new IllegalArgumentException("STEP has no gradient; trained networks use SIGMOID, RELU or TANH");
    }
}
