/**
 * The run-time network builder: {@link dev.scratchnet.runtime.dsl.Networks} assembles a
 * {@link dev.scratchnet.runtime.dsl.SequentialNetwork} from the layers of chapter 5, checked against the same
 * rules as annotated networks, and usable wherever a {@link dev.scratchnet.runtime.Model} is.
 */
@NullMarked
package dev.scratchnet.runtime.dsl;

import org.jspecify.annotations.NullMarked;
