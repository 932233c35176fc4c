package dev.scratchnet.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Gradients of a model's loss, one row-major array per {@link Parameter}, under the same names
 * ({@code W1, b1, …}): numerical and backprop gradients have the same keys, so comparing them is one loop.
 */
public final class Gradients {
    private final List<String> names;
    private final List<int[]> shapes;
    private final double[][] values;

    private Gradients(List<String> names, List<int[]> shapes, double[][] values) {
        this.names = names;
        this.shapes = shapes;
        this.values = values;
    }

    /** Zero gradients shaped like {@code parameters}. */
    public static Gradients zerosLike(List<Parameter> parameters) {
        List<String> names = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        double[][] values = new double[parameters.size()][];
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            names.add(p.getName());
            shapes.add(p.getShape());
            values[i] = new double[p.getSize()];
        }
        return new Gradients(Collections.unmodifiableList(names), shapes, values);
    }

    /** Parameter names in model order. */
    public List<String> getNames() {
        return names;
    }

    public int size() {
        return values.length;
    }

    /** The gradient array of the {@code index}-th parameter (live). */
    public double[] get(int index) {
        return values[index];
    }

    /** The gradient array of the parameter named {@code name} (live). */
    public double[] get(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no gradient named '" + name + "'; names are " + names);
        }
        return values[i];
    }

    /** A copy of the shape of the {@code index}-th gradient. */
    public int[] getShape(int index) {
        return shapes.get(index).clone();
    }

    /**
     * Checks that these gradients are shaped like {@code parameters}: the same names, in the same order, each array
     * as long as its parameter.
     *
     * @throws IllegalArgumentException naming the first that is not; {@link Model#newGradients()} makes ones that are
     */
    public void requireShapesOf(List<Parameter> parameters) {
        if (values.length != parameters.size()) {
            throw new IllegalArgumentException("gradients hold " + values.length + " arrays, the model has "
                    + parameters.size() + " parameters " + parameters + "; create them with newGradients()");
        }
        for (int p = 0; p < values.length; p++) {
            Parameter parameter = parameters.get(p);
            if (!names.get(p).equals(parameter.getName()) || values[p].length != parameter.getSize()) {
                throw new IllegalArgumentException("gradient " + p + " is " + names.get(p) + " of " + values[p].length
                        + " values, the model's parameter " + p + " is " + parameter.getName() + " of "
                        + parameter.getSize() + "; create the gradients with newGradients()");
            }
        }
    }

    /** Largest {@code |this - other|} over the arrays named {@code name}. */
    public double maxAbsDifference(Gradients other, String name) {
        double[] a = get(name);
        double[] b = other.get(name);
        if (a.length != b.length) {
            throw new IllegalArgumentException(name + ": sizes differ, " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Largest {@code |this - other|} over every array. */
    public double maxAbsDifference(Gradients other) {
        double max = 0;
        for (String name : names) {
            max = Math.max(max, maxAbsDifference(other, name));
        }
        return max;
    }
}
