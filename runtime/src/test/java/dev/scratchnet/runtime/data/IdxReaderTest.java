package dev.scratchnet.runtime.data;

import static dev.scratchnet.runtime.data.IdxBytes.bytes;
import static dev.scratchnet.runtime.data.IdxBytes.gzip;
import static dev.scratchnet.runtime.data.IdxBytes.idx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsRawLabelsAsUnsignedBytes() throws IOException {
        Path file = write("labels", idx(new int[] {4}, bytes(0, 5, 200, 255)));

        IdxFile idx = IdxReader.read(file);

        assertArrayEquals(new int[] {4}, idx.getDimensions());
        assertEquals(4, idx.getCount());
        assertEquals(1, idx.getItemSize());
        assertArrayEquals(bytes(0, 5, 200, 255), idx.getData());
        assertEquals(200, idx.getData()[2] & 0xFF);
        assertEquals(file.toString(), idx.getName());
    }

    @Test
    void readsRawImagesRowMajor() throws IOException {
        byte[] pixels = new byte[2 * 2 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (10 * i);
        }

        IdxFile idx = IdxReader.read(write("images", idx(new int[] {2, 2, 3}, pixels)));

        assertArrayEquals(new int[] {2, 2, 3}, idx.getDimensions());
        assertEquals(2, idx.getCount());
        assertEquals(6, idx.getItemSize());
        assertArrayEquals(pixels, idx.getData());
    }

    @Test
    void detectsGzipByItsMagicNumberNotByTheFileName() throws IOException {
        byte[] raw = idx(new int[] {3}, bytes(7, 2, 1));

        IdxFile gzippedWithoutSuffix = IdxReader.read(write("labels", gzip(raw)));
        IdxFile rawWithGzSuffix = IdxReader.read(write("labels.gz", raw));

        assertArrayEquals(bytes(7, 2, 1), gzippedWithoutSuffix.getData());
        assertArrayEquals(bytes(7, 2, 1), rawWithGzSuffix.getData());
    }

    @Test
    void readsDataLongerThanOneChunkIdenticallyFromRawAndGzip() {
        // 3 × 300 × 300 = 270,000 bytes: several doublings of the 64 KiB first chunk.
        byte[] images = IdxBytes.images(3, 300, 300, 11);
        byte[] expected = Arrays.copyOfRange(images, 16, images.length);

        IdxFile raw = IdxReader.read("raw", new ByteArrayInputStream(images));
        IdxFile gz = IdxReader.read("gz", new ByteArrayInputStream(gzip(images)));

        assertArrayEquals(expected, raw.getData());
        assertArrayEquals(expected, gz.getData());
    }

    @Test
    void readsOnlyWhatItNeedsFromAStreamAndLeavesItOpen() {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(idx(new int[] {1}, bytes(9))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        IdxFile idx = IdxReader.read("stream", in);

        assertArrayEquals(bytes(9), idx.getData());
        assertFalse(closed[0]);
    }

    @Test
    void rejectsEmptyFile() {
        assertRejected(new byte[0], "empty.idx: empty file: expected an IDX header (magic 0x00000801 for labels or 0x00000803 for images)");
    }

    @Test
    void rejectsFileThatIsNotIdx() {
        assertRejected(bytes('P', 'K', 3, 4, 0, 0),
                "empty.idx: not an IDX file: it starts with 0x504b0304, IDX files start with 0x00000801 (labels) or 0x00000803 (images)");
    }

    @Test
    void rejectsIdxOfFloats() {
        assertRejected(bytes(0, 0, 0x0D, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0),
                "empty.idx: magic 0x00000d03: IDX type 0x0d (32-bit float) is not supported; only unsigned bytes (type 0x08), as in MNIST");
    }

    @Test
    void rejectsIdxWithTwoDimensions() {
        assertRejected(bytes(0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 1, 42),
                "empty.idx: magic 0x00000802: unsigned-byte IDX with 2 dimensions is not supported; "
                        + "expected 1 (labels, 0x00000801) or 3 (images, 0x00000803)");
    }

    @Test
    void rejectsMagicCutShort() {
        assertRejected(bytes(0, 0, 8), "empty.idx: truncated header: the file has 3 bytes, the IDX magic number needs 4");
    }

    @Test
    void rejectsDimensionsCutShort() {
        assertRejected(bytes(0, 0, 8, 3, 0, 0, 0, 2, 0), "empty.idx: truncated header: 3 dimensions need 16 header bytes, the file has 9");
    }

    @Test
    void rejectsZeroDimension() {
        assertRejected(idx(new int[] {2, 0, 3}, new byte[0]), "empty.idx: dimension 2 of 3 is 0; every dimension must be at least 1");
    }

    @Test
    void rejectsDimensionBeyondSignedInt() {
        assertRejected(idx(new int[] {-1}, new byte[0]), "empty.idx: dimension 1 of 1 is 4294967295, more than the 2147483647 supported");
    }

    @Test
    void rejectsDimensionsWhoseProductExceedsTheLargestArray() {
        assertRejected(idx(new int[] {65536, 65536, 65536}, new byte[0]),
                "empty.idx: header says 65536×65536×65536 = 281474976710656 bytes of data, more than the 2147483639 this reader supports");
    }

    @Test
    void rejectsTruncatedDataSayingHowMuchIsThere() {
        byte[] file = idx(new int[] {60000, 28, 28}, new byte[1000]);

        IdxFormatException raw = assertThrows(IdxFormatException.class,
                () -> IdxReader.read("train-images-idx3-ubyte", new ByteArrayInputStream(file)));
        IdxFormatException gz = assertThrows(IdxFormatException.class,
                () -> IdxReader.read("train-images-idx3-ubyte.gz", new ByteArrayInputStream(gzip(file))));

        assertEquals("train-images-idx3-ubyte: truncated: header says 60000×28×28 = 47040000 bytes of data, the file has 1000",
                raw.getMessage());
        assertEquals("train-images-idx3-ubyte.gz: truncated: header says 60000×28×28 = 47040000 bytes of data, "
                + "the decompressed file has 1000", gz.getMessage());
    }

    @Test
    void headerClaimingTwoGigabytesDoesNotAllocateThem() {
        byte[] file = idx(new int[] {IdxReader.MAX_DATA_BYTES}, new byte[10]);
        byte[] gzipped = gzip(file);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        IdxFormatException raw = assertThrows(IdxFormatException.class, () -> IdxReader.read("raw", new ByteArrayInputStream(file)));
        IdxFormatException gz = assertThrows(IdxFormatException.class, () -> IdxReader.read("gz", new ByteArrayInputStream(gzipped)));

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 4 << 20, "allocated " + allocated + " bytes for a 26-byte file");
        assertEquals("raw: truncated: header says 2147483639 bytes of data, the file has 10", raw.getMessage());
        assertEquals("gz: truncated: header says 2147483639 bytes of data, the decompressed file has 10", gz.getMessage());
    }

    @Test
    void rejectsTrailingData() {
        byte[] file = Arrays.copyOf(idx(new int[] {3}, bytes(1, 2, 3)), 11 + 2);

        assertRejected(file, "empty.idx: trailing data: 2 bytes after the 3 bytes of data the header declares; "
                + "the file is damaged or not what its header says");
    }

    @Test
    void rejectsGzipWithWrongCrc() {
        byte[] gz = gzip(idx(new int[] {3}, bytes(1, 2, 3)));
        gz[gz.length - 8] ^= 1;

        IdxFormatException e = assertRejected(gz, "empty.idx: corrupt gzip data (Corrupt GZIP trailer); download the file again");
        assertInstanceOf(ZipException.class, e.getCause());
    }

    @Test
    void rejectsGzipCutShort() {
        byte[] gz = gzip(IdxBytes.images(2, 20, 20, 3));

        assertRejected(Arrays.copyOf(gz, gz.length / 2),
                "empty.idx: corrupt gzip data (Unexpected end of ZLIB input stream); download the file again");
    }

    @Test
    void failingSourceIsAnIoErrorNamingTheFileNotCorruptData() {
        byte[] gz = gzip(IdxBytes.images(2, 20, 20, 3));
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> IdxReader.read("images.gz",
                new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(gz, 30)), failing)));

        assertEquals("images.gz: cannot read: java.io.IOException: disk on fire", e.getMessage());
    }

    @Test
    void missingFileIsAnIoErrorNamingIt() {
        Path missing = dir.resolve("missing-idx1-ubyte");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> IdxReader.read(missing));

        assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertTrue(e.getMessage().startsWith(missing + ": cannot read: "), e.getMessage());
    }

    @Test
    void directoryOrDanglingLinkIsNamedForWhatItIsNotAsMissing() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("labels"), dir.resolve("gone"));

        UncheckedIOException directory = assertThrows(UncheckedIOException.class, () -> IdxReader.read(dir));
        UncheckedIOException dangling = assertThrows(UncheckedIOException.class, () -> IdxReader.read(link));

        assertEquals(dir + ": cannot read: it is a directory, not a regular file", directory.getMessage());
        assertEquals(link + ": cannot read: it is a symbolic link to '" + dir.resolve("gone") + "', which does not exist",
                dangling.getMessage());
    }

    private IdxFormatException assertRejected(byte[] content, String message) {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read("empty.idx", new ByteArrayInputStream(content)));
        assertEquals(message, e.getMessage());
        return e;
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
