/**
 * The layers of chapter 5 of <i>Deep Learning from Scratch</i> ({@code common/layers.py}): each has a
 * {@code forward} and a {@code backward} pass over flat row-major arrays ({@code rows × width}), caches only
 * what its backward pass needs, and names its gradients after its parameters ({@code dW}, {@code db}).
 *
 * <p>Every layer owns its output and gradient buffers. They are sized for the largest batch seen so far and
 * reused, so after a first call with the largest batch size no call allocates; only the first
 * {@code rows × width} values of a returned buffer belong to the current call.
 */
@NullMarked
package dev.scratchnet.runtime.layers;

import org.jspecify.annotations.NullMarked;
