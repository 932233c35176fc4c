package dev.scratchnet.kotlin

import dev.scratchnet.runtime.Matrix
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class MatrixOperatorsTest {
    private val m = Matrix.of(arrayOf(doubleArrayOf(1.0, 2.0), doubleArrayOf(4.0, 8.0)))

    @Test
    fun scalarOnTheLeftAddsAndMultipliesAsOnTheRight() {
        assertEquals(m + 1.5, 1.5 + m)
        assertEquals(m * 3.0, 3.0 * m)
    }

    @Test
    fun scalarOnTheLeftSubtractsAndDividesEachElementFromIt() {
        assertEquals(Matrix.of(arrayOf(doubleArrayOf(0.0, -1.0), doubleArrayOf(-3.0, -7.0))), 1.0 - m)
        assertEquals(Matrix.of(arrayOf(doubleArrayOf(8.0, 4.0), doubleArrayOf(2.0, 1.0))), 8.0 / m)
    }

}
