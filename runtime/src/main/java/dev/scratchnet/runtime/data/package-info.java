/**
 * Data for training: the {@link dev.scratchnet.runtime.data.Dataset} the trainer draws batches from, the
 * IDX file format MNIST is distributed in ({@link dev.scratchnet.runtime.data.IdxReader}), and the MNIST
 * loader of the book's {@code dataset/mnist.py} ({@link dev.scratchnet.runtime.data.Mnist}).
 */
@NullMarked
package dev.scratchnet.runtime.data;

import org.jspecify.annotations.NullMarked;
