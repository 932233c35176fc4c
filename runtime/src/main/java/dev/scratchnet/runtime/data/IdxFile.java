package dev.scratchnet.runtime.data;

import java.util.Arrays;

/**
 * The contents of one IDX file of unsigned bytes, as read by {@link IdxReader}: its dimensions
 * ({@code [count]} for labels, {@code [count, rows, cols]} for images) and its data, row-major.
 */
public final class IdxFile {
    private final String name;
    private final int[] dimensions;
    private final byte[] data;

    IdxFile(String name, int[] dimensions, byte[] data) {
        this.name = name;
        this.dimensions = dimensions.clone();
        this.data = data;
    }

    /** The path or classpath name the file was read from, as used in error messages. */
    public String getName() {
        return name;
    }

    /** A copy of the dimensions, outermost first. */
    public int[] getDimensions() {
        return dimensions.clone();
    }

    /** The first dimension: the number of labels or images. */
    public int getCount() {
        return dimensions[0];
    }

    /** Bytes per item: the product of the dimensions after the first (1 for labels, rows × cols for images). */
    public int getItemSize() {
        return data.length / dimensions[0];
    }

    /**
     * The data, row-major (live, not a copy). The bytes are unsigned: read a value as {@code data[i] & 0xFF}.
     */
    public byte[] getData() {
        return data;
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(dimensions);
    }
}
