package dev.scratchnet.runtime;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A dense {@code rows × cols} matrix of doubles over one flat row-major array, immutable in shape.
 *
 * <p>Method names follow Kotlin's operator conventions, so from Kotlin {@code a + b}, {@code a - b},
 * {@code a * b} (matrix product), {@code a * 2.0}, {@code a / 2.0}, {@code -a}, {@code m[i, j]} and
 * {@code m[i, j] = v} work as written. Arithmetic returns new matrices; only {@link #set} mutates.
 * {@link #toRealMatrix()} and {@link #of(RealMatrix)} convert to and from Commons Math.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final double[] data;

    /** A matrix over {@code data} (row-major, not copied). */
    public Matrix(int rows, int cols, double[] data) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("dimensions must be positive, got " + rows + "×" + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(rows + "×" + cols + " needs " + (long) rows * cols + " values, got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A zero matrix. */
    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
    }

    /** A matrix copied from rows of equal length. */
    public static Matrix of(double[][] values) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column");
        }
        int cols = values[0].length;
        double[] data = new double[Math.multiplyExact(values.length, cols)];
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + values[r].length + " values, row 0 has " + cols);
            }
            System.arraycopy(values[r], 0, data, r * cols, cols);
        }
        return new Matrix(values.length, cols, data);
    }

    /** A {@code 1 × n} row vector copied from {@code values}. */
    public static Matrix row(double... values) {
        return new Matrix(1, values.length, values.clone());
    }

    /** A copy of a Commons Math matrix. */
    public static Matrix of(RealMatrix m) {
        return of(m.getData());
    }

    public int getRows() {
        return rows;
    }

    public int getCols() {
        return cols;
    }

    /** The row-major values (live). */
    public double[] getData() {
        return data;
    }

    public double get(int i, int j) {
        return data[index(i, j)];
    }

    public void set(int i, int j, double value) {
        data[index(i, j)] = value;
    }

    private int index(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") is outside a " + rows + "×" + cols + " matrix");
        }
        return i * cols + j;
    }

    /** A copy of row {@code i}. */
    public double[] getRow(int i) {
        index(i, 0);
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    /** Element-wise sum; {@code other} may also be a {@code 1 × cols} row, added to every row (numpy broadcasting). */
    public Matrix plus(Matrix other) {
        return combine(other, "plus", Double::sum);
    }

    /** Element-wise difference; {@code other} may be a {@code 1 × cols} row, subtracted from every row. */
    public Matrix minus(Matrix other) {
        return combine(other, "minus", (a, b) -> a - b);
    }

    /** Element-wise (Hadamard) product; {@code other} may be a {@code 1 × cols} row. */
    public Matrix hadamard(Matrix other) {
        return combine(other, "hadamard", (a, b) -> a * b);
    }

    public Matrix plus(double scalar) {
        return map(v -> v + scalar);
    }

    public Matrix minus(double scalar) {
        return map(v -> v - scalar);
    }

    public Matrix times(double scalar) {
        return map(v -> v * scalar);
    }

    public Matrix div(double scalar) {
        return map(v -> v / scalar);
    }

    public Matrix unaryMinus() {
        return map(v -> -v);
    }

    /** The matrix product {@code this · other} (numpy's {@code np.dot}). */
    public Matrix times(Matrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("cannot multiply " + rows + "×" + cols + " by " + other.rows + "×" + other.cols
                    + ": inner dimensions differ");
        }
        int n = other.cols;
        double[] out = new double[Math.multiplyExact(rows, n)];
        double[] b = other.data;
        for (int i = 0; i < rows; i++) {
            int outRow = i * n;
            for (int k = 0; k < cols; k++) {
                double a = data[i * cols + k];
                int bRow = k * n;
                for (int j = 0; j < n; j++) {
                    out[outRow + j] += a * b[bRow + j];
                }
            }
        }
        return new Matrix(rows, n, out);
    }

    public Matrix transpose() {
        double[] out = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = data[i * cols + j];
            }
        }
        return new Matrix(cols, rows, out);
    }

    /** A new matrix with {@code f} applied to every element. */
    public Matrix map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        return new Matrix(rows, cols, out);
    }

    /** Sum of all elements. */
    public double sum() {
        double s = 0;
        for (double v : data) {
            s += v;
        }
        return s;
    }

    /** Column sums as a {@code 1 × cols} row (numpy's {@code sum(axis=0)}). */
    public Matrix sumRows() {
        double[] out = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j] += data[i * cols + j];
            }
        }
        return new Matrix(1, cols, out);
    }

    /** Index of the largest element of each row (numpy's {@code argmax(axis=1)}). */
    public int[] argmaxRows() {
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            int best = 0;
            for (int j = 1; j < cols; j++) {
                if (data[i * cols + j] > data[i * cols + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** A deep copy. */
    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** A copy as a Commons Math matrix. */
    public RealMatrix toRealMatrix() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = getRow(i);
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /** Rows as arrays (copies). */
    public double[][] toArray() {
        return toRealMatrix().getData();
    }

    private interface Op {
        double apply(double a, double b);
    }

    private Matrix combine(Matrix other, String what, Op op) {
        boolean broadcast = other.rows == 1 && other.cols == cols && rows != 1;
        if (!broadcast && (other.rows != rows || other.cols != cols)) {
            throw new IllegalArgumentException("cannot " + what + " " + rows + "×" + cols + " and " + other.rows + "×" + other.cols
                    + ": shapes differ (a 1×" + cols + " row would broadcast)");
        }
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = op.apply(data[i], other.data[broadcast ? i % cols : i]);
        }
        return new Matrix(rows, cols, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Matrix ").append(rows).append('×').append(cols).append(" [");
        for (int i = 0; i < Math.min(rows, 6); i++) {
            s.append(i == 0 ? "" : ", ").append(Arrays.toString(getRow(i)));
        }
        return s.append(rows > 6 ? ", …]" : "]").toString();
    }
}
