package dev.scratchnet.runtime.data;

/**
 * A data file that cannot be used: the one unchecked exception that {@link IdxReader} and {@link Mnist} throw
 * for bad content. The message always starts with the file (path or classpath name) and says what is wrong:
 * <ul>
 *   <li>not an IDX file (the first two bytes are not zero), or an IDX type other than unsigned bytes with
 *       1 dimension ({@code 0x00000801}, labels) or 3 dimensions ({@code 0x00000803}, images);
 *   <li>a header cut short, a dimension that is zero or does not fit a signed 32-bit int, or dimensions whose
 *       product exceeds the largest Java array;
 *   <li>fewer data bytes than the dimensions declare (truncated), or bytes after them (trailing data);
 *   <li>gzip data that does not decompress (corrupt stream, bad CRC);
 *   <li>for MNIST: a SHA-256 sum that differs from {@code SHA256SUMS} (naming the expected and actual sum), a
 *       malformed, incomplete or oversized (over {@value Mnist#MAX_CHECKSUMS_BYTES} bytes) {@code SHA256SUMS}, a
 *       labels file where an images file belongs or the reverse,
 *       image and label counts that differ (naming both files), training and test images of different sizes, or a
 *       label outside {@code 0..9} (naming its index).
 * </ul>
 * Failures to read at all (a missing file, a directory or named pipe in its place, an I/O error) are
 * {@link java.io.UncheckedIOException}s instead: they say nothing about the data. A file that would need more memory
 * than the JVM may use is an {@link dev.scratchnet.runtime.io.InsufficientMemoryException}.
 */
public final class IdxFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdxFormatException(String message) {
        super(message);
    }

    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
