package dev.scratchnet.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX file contents for tests, independently of the reader. */
final class IdxBytes {
    private IdxBytes() {
    }

    /** An unsigned-byte IDX file: magic {@code 0x000008RR}, big-endian dimensions, then {@code data} as given. */
    static byte[] idx(int[] dimensions, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        b.putInt(0x0800 | dimensions.length);
        for (int d : dimensions) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    /** Labels {@code 0x00000801}. */
    static byte[] labels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return idx(new int[] {labels.length}, data);
    }

    /** {@code count} images of {@code rows × cols} whose pixel {@code k} (overall) is {@code (seed + 37 k) mod 256}. */
    static byte[] images(int count, int rows, int cols, int seed) {
        byte[] data = new byte[count * rows * cols];
        for (int k = 0; k < data.length; k++) {
            data[k] = (byte) ((seed + 37 * k) % 256);
        }
        return idx(new int[] {count, rows, cols}, data);
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
