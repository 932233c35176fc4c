package dev.scratchnet.runtime;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * One named parameter array of a model ({@code W1}, {@code b1}, …, as in the book): a live, row-major
 * {@code double[]} plus its shape. Weights have shape {@code [inputs, units]}, biases {@code [units]}.
 *
 * <p>{@link #getValues()} is the model's own array, not a copy: writing to it changes the model.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private final double[] values;

    public Parameter(String name, int[] shape, double[] values) {
        if (shape.length < 1 || shape.length > 2) {
            throw new IllegalArgumentException(name + ": shape must have 1 or 2 dimensions, got " + Arrays.toString(shape));
        }
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(name + ": dimensions must be positive, got " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException(
                    name + ": shape " + Arrays.toString(shape) + " holds " + size + " values, array has " + values.length);
        }
        this.name = name;
        this.shape = shape.clone();
        this.values = values;
    }

    public String getName() {
        return name;
    }

    /** A copy of the shape: {@code [rows, cols]} for weights, {@code [units]} for biases. */
    public int[] getShape() {
        return shape.clone();
    }

    /** Rows when seen as a matrix: 1 for a bias vector. */
    public int getRows() {
        return shape.length == 1 ? 1 : shape[0];
    }

    /** Columns when seen as a matrix. */
    public int getCols() {
        return shape[shape.length - 1];
    }

    public int getSize() {
        return values.length;
    }

    /** The live row-major values: the model's own array. */
    public double[] getValues() {
        return values;
    }

    /** A copy as a Commons Math matrix ({@code 1 × units} for a bias). */
    public RealMatrix toRealMatrix() {
        int rows = getRows();
        int cols = getCols();
        double[][] data = new double[rows][];
        for (int r = 0; r < rows; r++) {
            data[r] = Arrays.copyOfRange(values, r * cols, (r + 1) * cols);
        }
        return new Array2DRowRealMatrix(data, false);
    }

    /** Copies {@code m} into this parameter; its dimensions must match {@link #getRows()} × {@link #getCols()}. */
    public void setFrom(RealMatrix m) {
        if (m.getRowDimension() != getRows() || m.getColumnDimension() != getCols()) {
            throw new IllegalArgumentException(name + ": expected a " + getRows() + "×" + getCols() + " matrix, got "
                    + m.getRowDimension() + "×" + m.getColumnDimension());
        }
        int cols = getCols();
        for (int r = 0; r < getRows(); r++) {
            for (int c = 0; c < cols; c++) {
                values[r * cols + c] = m.getEntry(r, c);
            }
        }
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
