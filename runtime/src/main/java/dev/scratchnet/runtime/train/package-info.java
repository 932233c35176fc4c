/**
 * Training, as in chapters 4–6 of <i>Deep Learning from Scratch</i>: the mini-batch {@link
 * dev.scratchnet.runtime.train.Trainer}, the optimisers ({@link dev.scratchnet.runtime.train.Sgd}, {@link
 * dev.scratchnet.runtime.train.Momentum}, {@link dev.scratchnet.runtime.train.AdaGrad}, {@link
 * dev.scratchnet.runtime.train.Adam}), weight decay, weight initialisers, listeners and the training history.
 */
@NullMarked
package dev.scratchnet.runtime.train;

import org.jspecify.annotations.NullMarked;
