package dev.scratchnet.runtime;

import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Derivatives by central differences, {@code (f(x + h) - f(x - h)) / 2h} with {@code h = 1e-4}: chapter 4 of
 * <i>Deep Learning from Scratch</i> ({@code numerical_diff}, {@code numerical_gradient}).
 *
 * <p>Gradients perturb the caller's array in place, one element at a time, and put the saved value back
 * afterwards (also when {@code f} throws), so the array is bit for bit what it was: {@code (x + h) - h} is
 * not always {@code x} in floating point, so the value is restored, not recomputed.
 */
public final class NumericalDifferentiation {
    /** The book's step: small enough for a good estimate, large enough that {@code f(x + h) - f(x - h)} is not lost to rounding (as with 1e-50). */
    public static final double H = 1e-4;

    private NumericalDifferentiation() {}

    /** {@code (f(x + h) - f(x - h)) / 2h}: the derivative of {@code f} at {@code x}. */
    public static double numericalDiff(DoubleUnaryOperator f, double x) {
        return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
    }

    /** The gradient of {@code f} at {@code x} as a new array; {@code x} is perturbed while {@code f} runs and then restored. */
    public static double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] grad = new double[x.length];
        numericalGradient(() -> f.applyAsDouble(x), x, grad);
        return grad;
    }

    /**
     * The gradient of {@code f} with respect to the elements of {@code x}, written into {@code grad}: {@code f}
     * reads {@code x} by reference (a model's loss reading its own parameter array), so each element of
     * {@code x} is set to {@code x ± h} in turn, {@code f} is called, and the element is restored.
     */
    public static void numericalGradient(DoubleSupplier f, double[] x, double[] grad) {
        if (grad.length != x.length) {
            throw new IllegalArgumentException("gradient array has " + grad.length + " elements, expected " + x.length
                    + " (one per element of x)");
        }
        for (int i = 0; i < x.length; i++) {
            double original = x[i];
            try {
                x[i] = original + H;
                double plus = f.getAsDouble();
                x[i] = original - H;
                double minus = f.getAsDouble();
                grad[i] = (plus - minus) / (2 * H);
            } finally {
                x[i] = original;
            }
        }
    }

    /**
     * The gradient of {@code model.loss(batch)} with respect to every parameter, written into {@code out}: each
     * parameter array is perturbed element by element and the whole loss recomputed. This is the plain,
     * slow oracle that models' own {@link Model#numericalGradient} and backpropagation are checked against.
     */
    public static void numericalGradient(Model model, Batch batch, Gradients out) {
        if (batch.getInputs() != model.getInputs() || batch.getOutputs() != model.getOutputs()) {
            throw new IllegalArgumentException("batch has " + batch.getInputs() + " inputs and " + batch.getOutputs()
                    + " outputs per row, the model expects " + model.getInputs() + " and " + model.getOutputs());
        }
        List<Parameter> parameters = model.getParameters();
        requireShapedLike(parameters, out);
        for (int i = 0; i < parameters.size(); i++) {
            numericalGradient(() -> model.loss(batch), parameters.get(i).getValues(), out.get(i));
        }
    }

    private static void requireShapedLike(List<Parameter> parameters, Gradients out) {
        boolean same = out.size() == parameters.size();
        for (int i = 0; same && i < parameters.size(); i++) {
            same = out.getNames().get(i).equals(parameters.get(i).getName()) && out.get(i).length == parameters.get(i).getSize();
        }
        if (!same) {
            throw new IllegalArgumentException("gradients " + out.getNames() + " do not match the model's parameters " + parameters
                    + "; create them with model.newGradients()");
        }
    }
}
