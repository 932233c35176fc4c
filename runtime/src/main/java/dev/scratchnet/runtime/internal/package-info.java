/**
 * The few hot loops that generated models and layers call: affine steps and the products of
 * backpropagation, over flat row-major arrays.
 */
@NullMarked
package dev.scratchnet.runtime.internal;

import org.jspecify.annotations.NullMarked;
