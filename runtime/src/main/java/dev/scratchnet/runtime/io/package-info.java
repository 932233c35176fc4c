/**
 * Checkpoints: model parameters saved to and loaded from
 * <a href="https://huggingface.co/docs/safetensors">safetensors</a> files
 * ({@link dev.scratchnet.runtime.io.Safetensors}).
 */
@NullMarked
package dev.scratchnet.runtime.io;

import org.jspecify.annotations.NullMarked;
