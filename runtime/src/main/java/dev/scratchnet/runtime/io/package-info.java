/**
 * Checkpoints: model parameters saved to and loaded from
 * <a href="https://huggingface.co/docs/safetensors">safetensors</a> files
 * ({@link dev.scratchnet.runtime.io.Safetensors}), and the checks every input file gets before it is read: that it is
 * a regular file, not a directory or a named pipe, and that it fits in the heap
 * ({@link dev.scratchnet.runtime.io.InsufficientMemoryException}).
 */
@NullMarked
package dev.scratchnet.runtime.io;

import org.jspecify.annotations.NullMarked;
