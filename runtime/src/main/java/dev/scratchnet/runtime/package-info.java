/**
 * The scratchnet runtime: what chapters 2–6 of <i>Deep Learning from Scratch</i> build in numpy, and the
 * {@link dev.scratchnet.runtime.Model} contract that generated models and DSL-built networks implement.
 */
@NullMarked
package dev.scratchnet.runtime;

import org.jspecify.annotations.NullMarked;
