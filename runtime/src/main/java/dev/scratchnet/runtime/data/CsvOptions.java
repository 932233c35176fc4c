package dev.scratchnet.runtime.data;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Csv#read} reads a CSV file into a dataset: whether the first line is a header, the delimiter, which
 * column holds the class label (classification) or which columns hold the targets (regression), and which columns
 * are features (by default every other one). Columns are named by their header name, or, without a header (or when
 * no header name matches), by their index counted from 0. Built with {@link #builder()}; immutable.
 */
public final class CsvOptions {
    private final boolean header;
    private final char delimiter;
    private final @Nullable String label;
    private final List<String> targets;
    private final List<String> features;
    private final int classes;

    private CsvOptions(Builder b) {
        this.header = b.header;
        this.delimiter = b.delimiter;
        this.label = b.label;
        this.targets = List.copyOf(b.targets);
        this.features = List.copyOf(b.features);
        this.classes = b.classes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the first line names the columns. */
    public boolean hasHeader() {
        return header;
    }

    public char getDelimiter() {
        return delimiter;
    }

    /** The class label's column, or null for a regression dataset. */
    public @Nullable String getLabel() {
        return label;
    }

    /** The target columns of a regression dataset; empty for classification. */
    public List<String> getTargets() {
        return targets;
    }

    /** The feature columns; empty for every column that is neither the label nor a target. */
    public List<String> getFeatures() {
        return features;
    }

    /** The number of classes, or 0 for one more than the largest label in the file. */
    public int getClasses() {
        return classes;
    }

    /** Builds {@link CsvOptions}; defaults: a header, comma-delimited, every other column a feature. */
    public static final class Builder {
        private boolean header = true;
        private char delimiter = ',';
        private @Nullable String label;
        private List<String> targets = List.of();
        private List<String> features = List.of();
        private int classes;

        private Builder() {
        }

        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        public Builder delimiter(char delimiter) {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("delimiter cannot be a quote or a line break, got '" + delimiter + "'");
            }
            this.delimiter = delimiter;
            return this;
        }

        /** The column of the class label, an integer in {@code [0, classes)}: a classification dataset. */
        public Builder label(String column) {
            this.label = Objects.requireNonNull(column, "column");
            return this;
        }

        /** The columns of the real-valued targets: a regression dataset. */
        public Builder targets(List<String> columns) {
            this.targets = List.copyOf(columns);
            return this;
        }

        /** The feature columns, in the order the dataset's rows take them. */
        public Builder features(List<String> columns) {
            this.features = List.copyOf(columns);
            return this;
        }

        /** The number of classes, when a file need not hold every class (e.g. a small test set); at least 1. */
        public Builder classes(int classes) {
            if (classes < 1) {
                throw new IllegalArgumentException("classes must be >= 1, got " + classes);
            }
            this.classes = classes;
            return this;
        }

        /**
         * @throws IllegalArgumentException when both a label and targets are given; with neither, the options
         *         serve {@link Csv#readInputs} only
         */
        public CsvOptions build() {
            if (label != null && !targets.isEmpty()) {
                throw new IllegalArgumentException("a CSV dataset has a label column or target columns, not both");
            }
            if (!targets.isEmpty() && classes != 0) {
                throw new IllegalArgumentException("classes apply to a label column, not to targets");
            }
            return new CsvOptions(this);
        }
    }
}
