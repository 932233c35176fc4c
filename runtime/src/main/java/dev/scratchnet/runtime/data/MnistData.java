package dev.scratchnet.runtime.data;

/**
 * MNIST (or a dataset of the same layout) as loaded by {@link Mnist}: training and test sets whose rows are images
 * flattened row by row, so pixel {@code (r, c)} of row {@code i} is {@code getX()[i * features + r * getImageCols() + c]}.
 */
public final class MnistData {
    private final Dataset train;
    private final Dataset test;
    private final int imageRows;
    private final int imageCols;
    private final boolean normalized;

    MnistData(Dataset train, Dataset test, int imageRows, int imageCols, boolean normalized) {
        this.train = train;
        this.test = test;
        this.imageRows = imageRows;
        this.imageCols = imageCols;
        this.normalized = normalized;
    }

    /** The training set ({@code train-*} files): 60,000 rows for MNIST. */
    public Dataset getTrain() {
        return train;
    }

    /** The test set ({@code t10k-*} files): 10,000 rows for MNIST. */
    public Dataset getTest() {
        return test;
    }

    /** Height of one image in pixels (28 for MNIST). */
    public int getImageRows() {
        return imageRows;
    }

    /** Width of one image in pixels (28 for MNIST). */
    public int getImageCols() {
        return imageCols;
    }

    /** Whether pixels were scaled into {@code [0, 1]} (pixel / 255) rather than kept as 0…255. */
    public boolean isNormalized() {
        return normalized;
    }
}
