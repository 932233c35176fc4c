package com.example.kshapes

import dev.scratchnet.annotations.ActivationFunction.RELU
import dev.scratchnet.annotations.InitMethod.HE
import dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY
import dev.scratchnet.kotlin.network
import dev.scratchnet.runtime.data.Dataset
import dev.scratchnet.runtime.dsl.SequentialNetwork
import java.util.Random

/** The same network as [BlobsNet], built at run time. */
fun blobsNetwork(): SequentialNetwork = network(inputs = 2) {
    dense(16, RELU).init(HE)
    dense(3)
    loss(SOFTMAX_CROSS_ENTROPY)
}

/** [rows] points around (0, 0), (4, 0) and (0, 4), standard deviation 0.7, labelled by their centre. */
fun blobs(rows: Int, seed: Long): Dataset {
    val random = Random(seed)
    val centres = arrayOf(doubleArrayOf(0.0, 0.0), doubleArrayOf(4.0, 0.0), doubleArrayOf(0.0, 4.0))
    val labels = IntArray(rows) { it % centres.size }
    val x = DoubleArray(rows * 2) { centres[labels[it / 2]][it % 2] + 0.7 * random.nextGaussian() }
    return Dataset(x, labels, 2, centres.size)
}
