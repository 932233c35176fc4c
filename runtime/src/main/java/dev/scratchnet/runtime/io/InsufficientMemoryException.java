package dev.scratchnet.runtime.io;

import java.util.Locale;

/**
 * A file asks for more memory than this JVM may use at all ({@link Runtime#maxMemory()}, set by {@code -Xmx}):
 * thrown before any of it is allocated, with a message that names the file, the memory it needs and the
 * {@code -Xmx} that would give it. Allocating instead would end in an {@link OutOfMemoryError} after the JVM had
 * spent its heap, and perhaps seconds of garbage collection, on a file that could never fit.
 */
public final class InsufficientMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final double GIB = 1L << 30;

    private final long bytes;

    private InsufficientMemoryException(String message, long bytes) {
        super(message);
        this.bytes = bytes;
    }

    /**
     * Checks that {@code bytes} fit in what this JVM may use.
     *
     * @param name    the file, as messages name it
     * @param purpose what needs the memory, e.g. {@code "reading its 47040000 bytes of data"}
     * @throws InsufficientMemoryException {@code "<name>: 3.0 GiB of memory needed for <purpose>, more than the 512 MiB
     *         this JVM may use; give it more with java -Xmx4g"}
     */
    public static void requireAvailable(String name, String purpose, long bytes) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new InsufficientMemoryException(name + ": " + size(bytes) + " of memory needed for " + purpose + ", more than the "
                    + size(max) + " this JVM may use; give it more with java " + largerHeap(bytes), bytes);
        }
    }

    /** The memory the file needs, in bytes. */
    public long getBytes() {
        return bytes;
    }

    /** {@code 512 MiB} or {@code 3.0 GiB}, in the binary units that {@code -Xmx} counts in. */
    public static String size(long bytes) {
        return bytes < GIB ? String.format(Locale.ROOT, "%d MiB", (bytes + (1 << 20) - 1) >> 20)
                : String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
    }

    /** An {@code -Xmx} option with room for {@code bytes} and a whole gibibyte for everything else. */
    public static String largerHeap(long bytes) {
        return "-Xmx" + ((long) Math.ceil(bytes / GIB) + 1) + "g";
    }
}
