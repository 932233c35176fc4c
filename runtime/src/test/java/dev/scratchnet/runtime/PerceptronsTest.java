package dev.scratchnet.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerceptronsTest {
    @ParameterizedTest(name = "({0}, {1}) -> AND {2}, NAND {3}, OR {4}, XOR {5}")
    @CsvSource({
        // x1, x2, AND, NAND, OR, XOR
        "0, 0, 0, 1, 0, 0",
        "1, 0, 0, 1, 1, 1",
        "0, 1, 0, 1, 1, 1",
        "1, 1, 1, 0, 1, 0",
    })
    void gatesFollowTheirTruthTables(int x1, int x2, int and, int nand, int or, int xor) {
        assertEquals(and, Perceptrons.and(x1, x2), "AND");
        assertEquals(nand, Perceptrons.nand(x1, x2), "NAND");
        assertEquals(or, Perceptrons.or(x1, x2), "OR");
        assertEquals(xor, Perceptrons.xor(x1, x2), "XOR");
    }

    @ParameterizedTest(name = "{2}·{0} + {3}·{1} + {4} -> {5}")
    @CsvSource({
        // x1, x2, w1, w2, b, y
        "1.0, 0.5, 0.5, 0.5, -0.7, 1",
        "1.0, 0.3, 0.5, 0.5, -0.7, 0",
        "0.8, 0.8, 0.5, 0.5, -0.7, 1",
        "1.0, 1.0, 0.5, 0.5, -1.0, 0",
    })
    void perceptronFiresOnlyWhenTheWeightedSumIsPositive(double x1, double x2, double w1, double w2, double b, int expected) {
        assertEquals(expected, Perceptrons.perceptron(x1, x2, w1, w2, b));
    }
}
