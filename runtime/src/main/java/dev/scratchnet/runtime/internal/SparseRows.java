package dev.scratchnet.runtime.internal;

/**
 * Rows of numbers kept as lists of their non-zero values and those values' positions, listed once from dense
 * rows and never changed: what a {@code Dataset} keeps of its rows so that drawing a batch moves only the
 * non-zeros (about a fifth of MNIST's values).
 *
 * <p>Because the lists are made here, from dense rows, and never handed out, {@link
 * Batch#setSparseInput(int, SparseRows, int)} copies them without checking every entry again, as it must for
 * lists from elsewhere.
 */
public final class SparseRows {
    private final int rows;
    private final int width;
    /** Row {@code r}'s non-zero values and their positions are entries {@code [rowStart[r], rowStart[r + 1])}. */
    private final int[] rowStart;
    private final int[] positions;
    private final double[] values;

    private SparseRows(int rows, int width, int[] rowStart, int[] positions, double[] values) {
        this.rows = rows;
        this.width = width;
        this.rowStart = rowStart;
        this.positions = positions;
        this.values = values;
    }

    /**
     * Lists the non-zero values ({@code 0.0} and {@code -0.0} are zeros; NaN is not) of {@code rows} rows of
     * {@code width} values, row-major from {@code x[0]}.
     */
    public static SparseRows of(double[] x, int rows, int width) {
        if (rows < 0 || width <= 0 || (long) rows * width > x.length) {
            throw new IllegalArgumentException(rows + " rows of " + width + " values do not fit " + x.length + " values");
        }
        long nonZeros = 0;
        for (int i = 0, n = rows * width; i < n; i++) {
            if (x[i] != 0) {
                nonZeros++;
            }
        }
        if (nonZeros > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the rows have " + nonZeros + " non-zero values; at most "
                    + (Integer.MAX_VALUE - 8) + " fit in one array");
        }
        int[] rowStart = new int[rows + 1];
        int[] positions = new int[(int) nonZeros];
        double[] values = new double[(int) nonZeros];
        int c = 0;
        for (int r = 0; r < rows; r++) {
            c = list(x, r * width, width, positions, values, c);
            rowStart[r + 1] = c;
        }
        return new SparseRows(rows, width, rowStart, positions, values);
    }

    /**
     * Writes the positions {@code i} and values of the non-zero {@code x[from + i]}, {@code i < n}, to
     * {@code positions}/{@code values} from index {@code at}, ascending, and returns the index after the last.
     */
    static int list(double[] x, int from, int n, int[] positions, double[] values, int at) {
        int c = at;
        for (int i = 0; i < n; i++) {
            double v = x[from + i];
            if (v != 0) {
                positions[c] = i;
                values[c] = v;
                c++;
            }
        }
        return c;
    }

    /** Number of rows. */
    public int getRows() {
        return rows;
    }

    /** Values per row, zeros included. */
    public int getWidth() {
        return width;
    }

    /** Number of non-zero values in row {@code row}. */
    public int count(int row) {
        checkRow(row);
        return rowStart[row + 1] - rowStart[row];
    }

    /**
     * Reads one value of every cache line of the lists of rows {@code rows[from], …, rows[to − 1]} and returns something that depends on all of
     * them: called before copying rows scattered over a large set, it has the processor fetch them from memory
     * at the same time rather than one after the other.
     */
    public int readAhead(int[] rows, int from, int to) {
        int sink = 0;
        for (int i = from; i < to; i++) {
            int row = rows[i];
            checkRow(row);
            for (int k = rowStart[row], end = rowStart[row + 1]; k < end; k += 8) {
                sink += positions[k] + (int) Double.doubleToRawLongBits(values[k]);
            }
        }
        return sink;
    }

    void checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " is outside [0, " + rows + ")");
        }
    }

    int start(int row) {
        return rowStart[row];
    }

    int end(int row) {
        return rowStart[row + 1];
    }

    int[] positions() {
        return positions;
    }

    double[] values() {
        return values;
    }
}
