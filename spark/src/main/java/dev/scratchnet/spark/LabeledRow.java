package dev.scratchnet.spark;

import java.io.Serializable;

/**
 * One row of a distributed training set: its inputs and its class label, what {@link SparkTrainer} reads from an
 * RDD. A plain class rather than a record, so that Kryo (Spark's other serializer) can write it on JDK 17.
 */
public final class LabeledRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] inputs;
    private final int label;

    /** @param inputs the row's values, kept (not copied): do not change them afterwards */
    public LabeledRow(double[] inputs, int label) {
        this.inputs = inputs;
        this.label = label;
    }

    /** The row's values (live). */
    public double[] getInputs() {
        return inputs;
    }

    public int getLabel() {
        return label;
    }
}
