package dev.scratchnet.runtime.data;

import dev.scratchnet.runtime.internal.RegularFiles;
import dev.scratchnet.runtime.io.InsufficientMemoryException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.StringJoiner;
import java.util.zip.GZIPInputStream;

/**
 * Reads files in the IDX format of the MNIST database (<a href="http://yann.lecun.com/exdb/mnist/">LeCun et al.</a>):
 * a big-endian header — magic {@code 0x0000TTRR} (type {@code TT}, {@code RR} dimensions), then one 32-bit size
 * per dimension — followed by the data. Only unsigned bytes are supported, with 1 dimension
 * ({@code 0x00000801}, labels) or 3 ({@code 0x00000803}, images).
 *
 * <p>Files may be gzip-compressed or raw; gzip is recognised by its magic number {@code 0x1f8b}, not by the file
 * name. As with {@code gzip -d}, bytes after the last gzip member that do not form another member are ignored;
 * bytes after the declared data inside the (decompressed) IDX content are an error.
 *
 * <p>Every defect of the content is reported as an {@link IdxFormatException} naming the file. Memory is bounded
 * by what the input actually holds: the data array grows in chunks as bytes arrive, up to the size the header
 * declares, so a header that claims gigabytes in a short file fails as truncated without allocating them. Once the
 * data outgrows the first chunk, the memory that reading all the header declares would take is compared with what
 * the JVM may use, and a file that cannot fit is refused ({@link InsufficientMemoryException}) before it has
 * taken the heap.
 */
public final class IdxReader {
    /** The largest data section accepted: the largest array a JVM reliably allocates. */
    public static final int MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER = 1 << 16;
    private static final int FIRST_CHUNK = 1 << 16;
    private static final int TRAILING_COUNT_LIMIT = 1 << 20;

    private IdxReader() {
    }

    /**
     * Reads {@code file}; its path names it in error messages.
     *
     * @throws IdxFormatException           if the content is not a supported IDX file (see there for the cases)
     * @throws InsufficientMemoryException  if its data needs more memory than the JVM may use
     * @throws UncheckedIOException         if the file cannot be read, or is not a regular file (a directory, a
     *         named pipe …), naming what it is
     */
    public static IdxFile read(Path file) {
        RegularFiles.requireRegular(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
    }

    /**
     * Reads an IDX file from {@code in} to its end; {@code name} (a path or classpath name) is used in error
     * messages. Does not close {@code in}.
     *
     * @throws IdxFormatException          if the content is not a supported IDX file (see there for the cases)
     * @throws InsufficientMemoryException if its data needs more memory than the JVM may use
     * @throws UncheckedIOException        if {@code in} fails
     */
    public static IdxFile read(String name, InputStream in) {
        return read(name, in, 0);
    }

    /**
     * {@link #read(String, InputStream)} for a caller that will keep each data byte as a number of
     * {@code bytesPerValue} bytes besides it ({@link Mnist}: a double per pixel, an int per label), so that a file
     * whose values cannot fit is refused before its data is read rather than after.
     */
    static IdxFile read(String name, InputStream in, int bytesPerValue) {
        BufferedInputStream buffered = new BufferedInputStream(new SourceStream(name, in), BUFFER);
        boolean gzip = startsWithGzipMagic(buffered);
        try (InputStream content = gzip ? new GZIPInputStream(buffered, BUFFER) : buffered) {
            return parse(name, content, gzip ? "the decompressed file" : "the file", bytesPerValue);
        } catch (IOException e) {
            // The source's own failures surface as UncheckedIOException (SourceStream), so a checked one here
            // comes from decompression: the gzip stream is corrupt.
            throw new IdxFormatException(name + ": corrupt gzip data (" + e.getMessage() + "); download the file again", e);
        }
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) {
        in.mark(2);
        try {
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            return gzip;
        } catch (IOException e) {
            throw new IllegalStateException("BufferedInputStream failed to reset within its mark", e);
        }
    }

    private static IdxFile parse(String name, InputStream in, String what, int bytesPerValue) throws IOException {
        byte[] magic = new byte[4];
        int n = in.readNBytes(magic, 0, 4);
        if (n == 0) {
            throw new IdxFormatException(name + ": empty file: expected an IDX header (magic 0x00000801 for labels or 0x00000803 for images)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(name + ": not an IDX file: it starts with " + hex(magic, n)
                    + ", IDX files start with 0x00000801 (labels) or 0x00000803 (images)");
        }
        if (n < 4) {
            throw new IdxFormatException(name + ": truncated header: " + what + " has " + n + " bytes, the IDX magic number needs 4");
        }
        int type = magic[2] & 0xFF;
        int rank = magic[3] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new IdxFormatException(name + ": magic " + hex(magic, 4) + ": IDX type 0x" + String.format("%02x", type) + " ("
                    + typeName(type) + ") is not supported; only unsigned bytes (type 0x08), as in MNIST");
        }
        if (rank != 1 && rank != 3) {
            throw new IdxFormatException(name + ": magic " + hex(magic, 4) + ": unsigned-byte IDX with " + rank
                    + " dimensions is not supported; expected 1 (labels, 0x00000801) or 3 (images, 0x00000803)");
        }
        byte[] header = new byte[4 * rank];
        int got = in.readNBytes(header, 0, header.length);
        if (got < header.length) {
            throw new IdxFormatException(name + ": truncated header: " + rank + " dimensions need " + (4 + header.length)
                    + " header bytes, " + what + " has " + (4 + got));
        }
        int[] dimensions = new int[rank];
        for (int i = 0; i < rank; i++) {
            long d = ((header[4 * i] & 0xFFL) << 24) | ((header[4 * i + 1] & 0xFF) << 16) | ((header[4 * i + 2] & 0xFF) << 8)
                    | (header[4 * i + 3] & 0xFF);
            if (d == 0) {
                throw new IdxFormatException(name + ": dimension " + (i + 1) + " of " + rank + " is 0; every dimension must be at least 1");
            }
            if (d > Integer.MAX_VALUE) {
                throw new IdxFormatException(name + ": dimension " + (i + 1) + " of " + rank + " is " + d
                        + ", more than the " + Integer.MAX_VALUE + " supported");
            }
            dimensions[i] = (int) d;
        }
        int size = dataSize(name, dimensions);
        byte[] data = readData(name, dimensions, in, size, bytesPerValue);
        if (data.length < size) {
            throw new IdxFormatException(name + ": truncated: header says " + describe(dimensions) + " bytes of data, " + what
                    + " has " + data.length);
        }
        if (in.read() >= 0) {
            long extra = 1 + countUpTo(in, TRAILING_COUNT_LIMIT);
            throw new IdxFormatException(name + ": trailing data: " + (extra > TRAILING_COUNT_LIMIT ? "more than " + TRAILING_COUNT_LIMIT : extra)
                    + " bytes after the " + describe(dimensions) + " bytes of data the header declares; "
                    + "the file is damaged or not what its header says");
        }
        return new IdxFile(name, dimensions, data);
    }

    private static int dataSize(String name, int[] dimensions) {
        long size = 1;
        for (int d : dimensions) {
            // Each factor is below 2^31 and size stays at most MAX_DATA_BYTES, so the product cannot overflow a long.
            size *= d;
            if (size > MAX_DATA_BYTES) {
                BigInteger exact = BigInteger.ONE;
                for (int e : dimensions) {
                    exact = exact.multiply(BigInteger.valueOf(e));
                }
                throw new IdxFormatException(name + ": header says " + join(dimensions) + " = " + exact
                        + " bytes of data, more than the " + MAX_DATA_BYTES + " this reader supports");
            }
        }
        return (int) size;
    }

    /**
     * Reads up to {@code size} bytes, growing the array only as data arrives; a shorter array means end of input.
     * Before the first growth, checks that the most the data will take fits: while the array grows, the last step's
     * old array beside the full one; once read, the full one beside the caller's {@code bytesPerValue} per byte.
     */
    private static byte[] readData(String name, int[] dimensions, InputStream in, int size, int bytesPerValue) throws IOException {
        byte[] data = new byte[Math.min(size, FIRST_CHUNK)];
        int filled = 0;
        while (filled < size) {
            if (filled == data.length) {
                if (data.length == FIRST_CHUNK) {
                    String declared = "the " + describe(dimensions) + " bytes of data its header declares";
                    InsufficientMemoryException.requireAvailable(name, bytesPerValue == 0 ? "reading " + declared
                            : declared + ", read and kept as " + bytesPerValue + "-byte numbers",
                            size + Math.max(lastChunkBelow(size), (long) bytesPerValue * size));
                }
                data = Arrays.copyOf(data, (int) Math.min(size, 2L * data.length));
            }
            int n = in.read(data, filled, data.length - filled);
            if (n < 0) {
                return Arrays.copyOf(data, filled);
            }
            filled += n;
        }
        return data;
    }

    /** The array that is copied into the full one of {@code size} bytes, as {@link #readData} doubles it. */
    private static long lastChunkBelow(int size) {
        long chunk = FIRST_CHUNK;
        while (2 * chunk < size) {
            chunk *= 2;
        }
        return chunk;
    }

    private static long countUpTo(InputStream in, int limit) throws IOException {
        byte[] scratch = new byte[8192];
        long count = 0;
        int n;
        while (count <= limit && (n = in.read(scratch)) >= 0) {
            count += n;
        }
        return count;
    }

    private static String describe(int[] dimensions) {
        long size = 1;
        for (int d : dimensions) {
            size *= d;
        }
        return dimensions.length == 1 ? Long.toString(size) : join(dimensions) + " = " + size;
    }

    private static String join(int[] dimensions) {
        StringJoiner s = new StringJoiner("×");
        for (int d : dimensions) {
            s.add(Integer.toString(d));
        }
        return s.toString();
    }

    private static String hex(byte[] bytes, int n) {
        StringBuilder s = new StringBuilder("0x");
        for (int i = 0; i < n; i++) {
            s.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return s.toString();
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x09:
                return "signed byte";
            case 0x0B:
                return "16-bit integer";
            case 0x0C:
                return "32-bit integer";
            case 0x0D:
                return "32-bit float";
            case 0x0E:
                return "64-bit float";
            default:
                return "unknown type";
        }
    }

    /**
     * The caller's stream, with its I/O failures made unchecked and naming the file, so that a checked
     * {@link IOException} further up can only come from decompression; closing it leaves the caller's stream open.
     */
    private static final class SourceStream extends FilterInputStream {
        private final String name;

        SourceStream(String name, InputStream in) {
            super(in);
            this.name = name;
        }

        @Override
        public int read() {
            try {
                return in.read();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public long skip(long n) {
            try {
                return in.skip(n);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public int available() {
            try {
                return in.available();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void close() {
            // The caller owns the underlying stream.
        }

        private UncheckedIOException failure(IOException e) {
            return new UncheckedIOException(name + ": cannot read: " + e, e);
        }
    }
}
