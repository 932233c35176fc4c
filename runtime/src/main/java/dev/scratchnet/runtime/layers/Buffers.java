package dev.scratchnet.runtime.layers;

/** Argument checks and buffer sizing shared by the layers. */
final class Buffers {
    private Buffers() {}

    /** Checks that {@code rows} is positive and {@code values} holds {@code rows × width} values. */
    static void checkRows(String layer, String what, double[] values, int rows, int width) {
        if (rows <= 0) {
            throw new IllegalArgumentException(layer + ": rows must be positive, got " + rows + "; pass the number of rows in " + what);
        }
        if ((long) rows * width > values.length) {
            throw new IllegalArgumentException(layer + ": " + what + " holds " + values.length + " values, expected at least "
                    + rows + " rows × " + width + " = " + (long) rows * width);
        }
    }

    /** Checks that a forward pass happened before a backward pass. */
    static void checkForwardDone(String layer, int rows) {
        if (rows == 0) {
            throw new IllegalStateException(layer + ": backward needs the cache of a forward pass; call forward first");
        }
    }

    /** {@code buffer} if it holds {@code rows × width} values, otherwise a new buffer that does. */
    static double[] ensure(double[] buffer, int rows, int width) {
        int needed = Math.multiplyExact(rows, width);
        return buffer.length >= needed ? buffer : new double[needed];
    }
}
