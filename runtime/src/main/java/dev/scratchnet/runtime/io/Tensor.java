package dev.scratchnet.runtime.io;

import java.util.Arrays;

/**
 * A named array's contents in a safetensors file: a shape and its row-major {@code double} values (dtype
 * {@code F64}). A shape of {@code []} is a scalar with one value; dimensions may be 0.
 */
public final class Tensor {
    private final int[] shape;
    private final double[] data;

    /** A tensor over {@code data} (row-major, not copied). */
    public Tensor(int[] shape, double[] data) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("dimensions must not be negative, got " + Arrays.toString(shape));
            }
            // Capped so that the product cannot overflow; a later 0 still brings it to 0.
            size = Math.min(size * d, Integer.MAX_VALUE + 1L);
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds more values than a Java array");
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size + " values, array has " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    /** A copy of the shape. */
    public int[] getShape() {
        return shape.clone();
    }

    /** The row-major values (live). */
    public double[] getData() {
        return data;
    }

    /** Number of values: the product of the shape. */
    public int getSize() {
        return data.length;
    }

    /** Same shape and the same values, compared as by {@link Double#equals} (so {@code -0.0 ≠ 0.0}, {@code NaN = NaN}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(t.shape, shape) && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
