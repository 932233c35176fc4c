package dev.scratchnet.runtime.io;

/**
 * A file that is not a safetensors file this library can read: the one unchecked exception {@link Safetensors}
 * throws for bad content. The message starts with the file and says what is wrong:
 * <ul>
 *   <li>shorter than the 8-byte header length, a header length beyond the file or above
 *       {@value Safetensors#MAX_HEADER_BYTES} bytes;
 *   <li>a header that is not UTF-8, not (strict) JSON, not an object, or has trailing content other than padding;
 *   <li>a duplicate name at any level, an entry that is not an object or lacks or adds keys beside {@code dtype},
 *       {@code shape} and {@code data_offsets}, metadata that is not an object of strings;
 *   <li>a dtype other than {@code F64} (the only one supported), a negative or non-integer dimension;
 *   <li>{@code data_offsets} that are out of range, overlap, leave gaps, or whose span differs from the shape's
 *       size × 8 bytes; bytes after the last tensor's data.
 * </ul>
 * A file that cannot be read or written at all yields a {@link java.io.UncheckedIOException} instead.
 */
public final class SafetensorsFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SafetensorsFormatException(String message) {
        super(message);
    }

    public SafetensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
