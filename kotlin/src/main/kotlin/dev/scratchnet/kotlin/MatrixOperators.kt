package dev.scratchnet.kotlin

import dev.scratchnet.runtime.Matrix

// Matrix's own methods already make `m + n`, `m - n`, `m * n` (the matrix product), `m * 2.0`, `m / 2.0`, `-m`,
// `m[i, j]` and `m[i, j] = v` work in Kotlin. What Java cannot declare is an operator with the scalar on the left,
// as the book writes `1.0 - y` and `0.5 * x`; these add it, element by element.

/** [m] with this value added to every element. */
public operator fun Double.plus(m: Matrix): Matrix = m.map { this + it }

/** This value minus each element of [m], as in the sigmoid's derivative `y.hadamard(1.0 - y)`. */
public operator fun Double.minus(m: Matrix): Matrix = m.map { this - it }

/** [m] with every element multiplied by this value. */
public operator fun Double.times(m: Matrix): Matrix = m.map { this * it }

/** This value divided by each element of [m]. */
public operator fun Double.div(m: Matrix): Matrix = m.map { this / it }
