package dev.scratchnet.kotlin

import dev.scratchnet.runtime.data.Dataset
import java.util.Random

/**
 * [rows] points around three centres of the plane, (0, 0), (4, 0) and (0, 4), with standard deviation 0.7, labelled
 * by their centre: classes a small network separates almost perfectly.
 */
internal fun blobs(rows: Int, seed: Long): Dataset {
    val random = Random(seed)
    val centres = arrayOf(doubleArrayOf(0.0, 0.0), doubleArrayOf(4.0, 0.0), doubleArrayOf(0.0, 4.0))
    val labels = IntArray(rows) { it % centres.size }
    val x = DoubleArray(rows * 2) { centres[labels[it / 2]][it % 2] + 0.7 * random.nextGaussian() }
    return Dataset(x, labels, 2, centres.size)
}
