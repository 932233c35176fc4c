/**
 * Internal machinery: not part of scratchnet's API, and it may change in any release without notice.
 *
 * <p>The classes are public only because generated models, which live in the user's packages, call them, as
 * Dagger's generated code calls {@code dagger.internal}. They hold what the book's code leaves to numpy: the
 * products of a dense layer and their vector loops ({@link dev.scratchnet.runtime.internal.AffineKernel},
 * {@link dev.scratchnet.runtime.internal.Kernels}), the activations and losses over rows, the split of a pass over a
 * batch between two cores, a batch's rows as lists of their non-zero values
 * ({@link dev.scratchnet.runtime.internal.InputRows}), the fused SGD step, and the numerical gradient's loops. The DSL's
 * layers compute with the same classes, so both front doors give the same values.
 */
@NullMarked
package dev.scratchnet.runtime.internal;

import org.jspecify.annotations.NullMarked;
