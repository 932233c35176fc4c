package dev.scratchnet.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.DefaultRealMatrixPreservingVisitor;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MatrixTest {
    private static final double TOLERANCE = 1e-12;

    /** 20 random shapes {@code rows × inner × cols}, each dimension in [1, 12], from a fixed seed. */
    static Stream<int[]> randomShapes() {
        RandomGenerator random = new Well19937c(20240611);
        return IntStream.range(0, 20).mapToObj(i -> new int[] {1 + random.nextInt(12), 1 + random.nextInt(12), 1 + random.nextInt(12)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomShapes")
    void productAgreesWithCommonsMath(int[] shape) {
        RandomGenerator random = new Well19937c(Arrays.hashCode(shape));
        Matrix a = random(random, shape[0], shape[1]);
        Matrix b = random(random, shape[1], shape[2]);

        assertAgrees(new BlockRealMatrix(a.toArray()).multiply(new BlockRealMatrix(b.toArray())), a.times(b));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomShapes")
    void elementWiseOperationsAgreeWithCommonsMath(int[] shape) {
        RandomGenerator random = new Well19937c(Arrays.hashCode(shape));
        Matrix a = random(random, shape[0], shape[2]);
        Matrix b = random(random, shape[0], shape[2]);
        RealMatrix ra = new Array2DRowRealMatrix(a.toArray());
        RealMatrix rb = new Array2DRowRealMatrix(b.toArray());
        double s = random.nextDouble() * 4 - 2;

        assertAgrees(ra.transpose(), a.transpose());
        assertAgrees(ra.add(rb), a.plus(b));
        assertAgrees(ra.subtract(rb), a.minus(b));
        assertAgrees(hadamard(ra, rb), a.hadamard(b));
        assertAgrees(ra.scalarAdd(s), a.plus(s));
        assertAgrees(ra.scalarAdd(-s), a.minus(s));
        assertAgrees(ra.scalarMultiply(s), a.times(s));
        assertAgrees(ra.scalarMultiply(1 / s), a.div(s));
        assertAgrees(ra.scalarMultiply(-1), a.unaryMinus());
        assertAgrees(ra.scalarMultiply(-1), a.map(v -> -v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomShapes")
    void sumsAgreeWithCommonsMath(int[] shape) {
        RandomGenerator random = new Well19937c(Arrays.hashCode(shape));
        Matrix a = random(random, shape[0], shape[1]);
        RealMatrix ra = new BlockRealMatrix(a.toArray());

        assertEquals(sumOfEntries(ra), a.sum(), TOLERANCE);
        assertAgrees(ones(1, shape[0]).multiply(ra), a.sumRows());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomShapes")
    void rowBroadcastAgreesWithAddingTheOuterProductWithOnes(int[] shape) {
        RandomGenerator random = new Well19937c(Arrays.hashCode(shape));
        Matrix a = random(random, shape[0], shape[1]);
        Matrix row = random(random, 1, shape[1]);
        RealMatrix broadcast = ones(shape[0], 1).multiply(new Array2DRowRealMatrix(row.toArray()));
        RealMatrix ra = new Array2DRowRealMatrix(a.toArray());

        assertAgrees(ra.add(broadcast), a.plus(row));
        assertAgrees(ra.subtract(broadcast), a.minus(row));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomShapes")
    void argmaxOfEachRowAgreesWithCommonsMath(int[] shape) {
        RandomGenerator random = new Well19937c(Arrays.hashCode(shape));
        Matrix a = random(random, shape[0], shape[1]);
        RealMatrix ra = new Array2DRowRealMatrix(a.toArray());

        int[] expected = IntStream.range(0, shape[0]).map(i -> ra.getRowVector(i).getMaxIndex()).toArray();

        assertArrayEquals(expected, a.argmaxRows());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomShapes")
    void conversionToAndFromCommonsMathIsExact(int[] shape) {
        Matrix a = random(new Well19937c(Arrays.hashCode(shape)), shape[0], shape[1]);

        RealMatrix real = a.toRealMatrix();

        assertEquals(a, Matrix.of(real));
        assertEquals(a, Matrix.of(new BlockRealMatrix(a.toArray())));
        assertEquals(new Array2DRowRealMatrix(a.toArray()), real);
    }

    @Test
    void matricesOfDifferentShapesAreNotAddedAndSayWhichShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(2, 3).plus(Matrix.zeros(3, 2)));

        assertEquals("cannot plus 2×3 and 3×2: shapes differ (a 1×3 row would broadcast)", e.getMessage());
    }

    @Test
    void productWithMismatchedInnerDimensionsSaysWhichShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(2, 3).times(Matrix.zeros(2, 3)));

        assertEquals("cannot multiply 2×3 by 2×3: inner dimensions differ", e.getMessage());
    }

    @Test
    void constructionRejectsDataOfTheWrongLengthAndRaggedRows() {
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> new Matrix(2, 3, new double[5]));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Matrix.of(new double[][] {{1, 2, 3}, {4, 5}}));

        assertEquals("2×3 needs 6 values, got 5", length.getMessage());
        assertEquals("row 1 has 2 values, row 0 has 3", ragged.getMessage());
    }

    @Test
    void indexOutsideTheMatrixSaysWhere() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> Matrix.zeros(2, 3).get(2, 0));

        assertEquals("(2, 0) is outside a 2×3 matrix", e.getMessage());
    }

    @Test
    void setWritesThroughToTheLiveData() {
        double[] data = new double[6];
        Matrix m = new Matrix(2, 3, data);

        m.set(1, 2, 7.5);

        assertEquals(7.5, data[5]);
        assertEquals(7.5, m.get(1, 2));
    }

    @Test
    void kotlinOperatorMethodsExistWithOperatorSignatures() throws NoSuchMethodException {
        assertOperator("plus", Matrix.class, Matrix.class);
        assertOperator("plus", Matrix.class, double.class);
        assertOperator("minus", Matrix.class, Matrix.class);
        assertOperator("minus", Matrix.class, double.class);
        assertOperator("times", Matrix.class, Matrix.class);
        assertOperator("times", Matrix.class, double.class);
        assertOperator("div", Matrix.class, double.class);
        assertOperator("unaryMinus", Matrix.class);
        assertOperator("get", double.class, int.class, int.class);
        assertOperator("set", void.class, int.class, int.class, double.class);
        assertTrue(Arrays.stream(Matrix.class.getMethods()).noneMatch(m -> m.getName().endsWith("Assign")),
                "a plusAssign next to plus makes Kotlin's a += b ambiguous");
    }

    private static void assertOperator(String name, Class<?> returns, Class<?>... parameters) throws NoSuchMethodException {
        Method method = Matrix.class.getMethod(name, parameters);
        assertEquals(returns, method.getReturnType(), name + Arrays.toString(parameters));
    }

    private static Matrix random(RandomGenerator random, int rows, int cols) {
        double[] data = new double[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextDouble() * 2 - 1;
        }
        return new Matrix(rows, cols, data);
    }

    private static RealMatrix ones(int rows, int cols) {
        double[][] data = new double[rows][cols];
        for (double[] row : data) {
            Arrays.fill(row, 1);
        }
        return new Array2DRowRealMatrix(data, false);
    }

    private static RealMatrix hadamard(RealMatrix a, RealMatrix b) {
        RealMatrix out = new Array2DRowRealMatrix(a.getRowDimension(), a.getColumnDimension());
        for (int i = 0; i < a.getRowDimension(); i++) {
            out.setRowVector(i, new ArrayRealVector(a.getRow(i)).ebeMultiply(new ArrayRealVector(b.getRow(i))));
        }
        return out;
    }

    private static double sumOfEntries(RealMatrix m) {
        return m.walkInOptimizedOrder(new DefaultRealMatrixPreservingVisitor() {
            private double sum;

            @Override
            public void visit(int row, int column, double value) {
                sum += value;
            }

            @Override
            public double end() {
                return sum;
            }
        });
    }

    private static void assertAgrees(RealMatrix expected, Matrix actual) {
        assertEquals(expected.getRowDimension(), actual.getRows(), "rows");
        assertEquals(expected.getColumnDimension(), actual.getCols(), "cols");
        for (int i = 0; i < actual.getRows(); i++) {
            assertArrayEquals(expected.getRow(i), actual.getRow(i), TOLERANCE, "row " + i);
        }
    }
}
