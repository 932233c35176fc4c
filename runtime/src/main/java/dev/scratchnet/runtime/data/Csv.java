package dev.scratchnet.runtime.data;

import dev.scratchnet.runtime.Matrix;
import dev.scratchnet.runtime.internal.RegularFiles;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file of numbers into a {@link Dataset}, with Apache Commons CSV: the features and either a class
 * label or real-valued targets, as {@link CsvOptions} say.
 *
 * <p>Every cell read must be a finite decimal number (an optional sign, digits with an optional point, an optional
 * exponent: what spreadsheets and numpy write); a label must be a whole number {@code ≥ 0}. Blank lines are
 * skipped. Anything else is a {@link CsvFormatException} naming the file, the line and the column: a cell that is
 * not a number or is empty, NaN or infinite, a row with more or fewer cells than the first, an empty file or one
 * with a header and no rows, an unknown column, a label that is not a class. Memory grows with the rows as they are
 * read, a fixed number of bytes per cell, so it is bounded by the file's size; when the JVM cannot give the next
 * block, reading stops with a message saying how much was needed and how to give the JVM more.
 */
public final class Csv {
    /** What {@code Double.parseDouble} accepts that a CSV number is: no hex, no type suffix, no words. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** More classes than this almost surely means the wrong column is the label. */
    static final int MAX_CLASSES = 10_000;

    private Csv() {}

    /** A dataset read from CSV, with the names of its feature and target (or label) columns. */
    public record Table(Dataset dataset, List<String> features, List<String> targets) {}

    /** Input rows read from CSV, without labels or targets (rows to predict on), with the names of their columns. */
    public record Inputs(Matrix rows, List<String> features) {}

    /**
     * Reads {@code file}, UTF-8.
     *
     * @throws CsvFormatException if the file is not a CSV dataset as {@code options} describe it, or cannot be read
     */
    public static Table read(Path file, CsvOptions options) {
        requireTask(file.toString(), options);
        return parse(file, options).table();
    }

    /**
     * Reads the feature columns of {@code file}, UTF-8, as input rows: for predictions on new rows, which have no
     * labels or targets. {@code options} name the features (by default every column).
     *
     * @throws CsvFormatException if the file is not CSV of numbers as {@code options} describe it, or cannot be read
     */
    public static Inputs readInputs(Path file, CsvOptions options) {
        if (options.getLabel() != null || !options.getTargets().isEmpty()) {
            throw new IllegalArgumentException("input rows have no label or targets; options name only features");
        }
        return parse(file, options).inputs();
    }

    /**
     * Reads CSV text from {@code reader}; {@code name} names it in messages.
     *
     * @throws CsvFormatException if the text is not a CSV dataset as {@code options} describe it
     */
    public static Table read(String name, Reader reader, CsvOptions options) {
        requireTask(name, options);
        return parse(name, reader, options).table();
    }

    private static void requireTask(String name, CsvOptions options) {
        if (options.getLabel() == null && options.getTargets().isEmpty()) {
            throw new IllegalArgumentException(name + ": a CSV dataset needs a label column (classification) or target"
                    + " columns (regression)");
        }
    }

    private static Reading parse(Path file, CsvOptions options) {
        String name = file.toString();
        String notRegular = RegularFiles.whyNotRegular(file);
        if (notRegular != null) {
            throw new CsvFormatException(name + ": cannot read: " + notRegular);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(name, reader, options);
        } catch (NoSuchFileException e) {
            throw new CsvFormatException(name + ": no such file");
        } catch (IOException e) {
            throw new CsvFormatException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static Reading parse(String name, Reader reader, CsvOptions options) {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(options.getDelimiter())
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        try (CSVParser parser = CSVParser.parse(withoutByteOrderMark(reader), format)) {
            Reading reading = new Reading(name, options, parser);
            reading.run();
            return reading;
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(name + ": not UTF-8 text; save the file as UTF-8 CSV", e);
        } catch (IOException e) {
            throw new CsvFormatException(name + ": cannot be read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new CsvFormatException(name + ": not UTF-8 text; save the file as UTF-8 CSV", e);
            }
            // Commons CSV reports malformed quoting this way, with the line in its message.
            throw new CsvFormatException(name + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new CsvFormatException(name + ": " + e.getMessage(), e);
        }
    }

    /** {@code reader} past a leading byte-order mark, which spreadsheets write before the first cell. */
    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /** One reading of one file: the columns it found, then the rows. */
    private static final class Reading {
        private final String name;
        private final CsvOptions options;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private List<String> columns = List.of();
        private int[] featureColumns = new int[0];
        private int[] targetColumns = new int[0];
        private int labelColumn = -1;
        private final Doubles x;
        private final Doubles targets;
        private int[] labels = new int[16];
        private int rows;

        Reading(String name, CsvOptions options, CSVParser parser) {
            this.name = name;
            this.options = options;
            this.parser = parser;
            this.records = parser.iterator();
            this.x = new Doubles(name);
            this.targets = new Doubles(name);
        }

        void run() {
            CSVRecord first = nextNonBlank();
            if (first == null) {
                throw new CsvFormatException(name + ": the file is empty; expected "
                        + (options.hasHeader() ? "a header line, then " : "") + "rows of numbers");
            }
            columns = options.hasHeader() ? header(first) : unnamed(first.size());
            resolveColumns();
            if (!options.hasHeader()) {
                row(first);
            }
            for (CSVRecord record = nextNonBlank(); record != null; record = nextNonBlank()) {
                row(record);
            }
            if (rows == 0) {
                throw new CsvFormatException(name + ": the header has no rows after it; expected rows of numbers");
            }
        }

        Table table() {
            return new Table(dataset(), names(featureColumns),
                    labelColumn >= 0 ? List.of(columns.get(labelColumn)) : names(targetColumns));
        }

        Inputs inputs() {
            return new Inputs(new Matrix(rows, featureColumns.length, x.trimmed(rows * featureColumns.length)),
                    names(featureColumns));
        }

        private @Nullable CSVRecord nextNonBlank() {
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (!(record.size() == 1 && record.get(0).isEmpty())) {
                    return record;
                }
            }
            return null;
        }

        private List<String> header(CSVRecord record) {
            List<String> names = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int c = 0; c < record.size(); c++) {
                String column = record.get(c);
                Integer before = seen.put(column, c);
                if (before != null) {
                    throw new CsvFormatException(name + ", line " + line() + ", column " + c + " (" + column
                            + "): the header names column '" + column + "' twice (columns " + before + " and " + c
                            + "); give each column its own name");
                }
                names.add(column);
            }
            return names;
        }

        private static List<String> unnamed(int count) {
            List<String> names = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                names.add(Integer.toString(c));
            }
            return names;
        }

        private void resolveColumns() {
            String label = options.getLabel();
            if (label != null) {
                labelColumn = column(label, "label");
            } else {
                targetColumns = columns(options.getTargets(), "target");
            }
            if (options.getFeatures().isEmpty()) {
                List<Integer> rest = new ArrayList<>();
                for (int c = 0; c < columns.size(); c++) {
                    if (c != labelColumn && !contains(targetColumns, c)) {
                        rest.add(c);
                    }
                }
                featureColumns = rest.stream().mapToInt(Integer::intValue).toArray();
            } else {
                featureColumns = columns(options.getFeatures(), "feature");
            }
            if (featureColumns.length == 0) {
                throw new CsvFormatException(name + ": no feature columns are left; the file has "
                        + describeColumns() + ", all of them label or targets");
            }
            for (int c : featureColumns) {
                if (c == labelColumn || contains(targetColumns, c)) {
                    throw new CsvFormatException(name + ": column '" + columns.get(c) + "' cannot be both a feature and "
                            + (c == labelColumn ? "the label" : "a target"));
                }
            }
        }

        private int[] columns(List<String> names, String role) {
            int[] resolved = new int[names.size()];
            for (int k = 0; k < names.size(); k++) {
                resolved[k] = column(names.get(k), role);
                for (int j = 0; j < k; j++) {
                    if (resolved[j] == resolved[k]) {
                        throw new CsvFormatException(name + ": " + role + " column '" + names.get(k) + "' is given twice");
                    }
                }
            }
            return resolved;
        }

        /** The index of the column named {@code column}, or numbered so when no header name matches. */
        private int column(String column, String role) {
            int named = columns.indexOf(column);
            if (named >= 0 && options.hasHeader()) {
                return named;
            }
            if (column.matches("\\d{1,9}") && Integer.parseInt(column) < columns.size()) {
                return Integer.parseInt(column);
            }
            throw new CsvFormatException(name + ": no " + role + " column named '" + column
                    + "'; the file has " + describeColumns() + (options.hasHeader() ? "" : " (no header: name them 0, 1, …)"));
        }

        private String describeColumns() {
            return options.hasHeader() ? "columns " + String.join(", ", columns) : columns.size() + " columns";
        }

        private void row(CSVRecord record) {
            if (record.size() != columns.size()) {
                throw new CsvFormatException(name + ", line " + line() + ": " + record.size() + " cells, expected "
                        + columns.size() + (options.hasHeader() ? " as in the header" : " as in the first row"));
            }
            for (int c : featureColumns) {
                x.add(number(record, c));
            }
            for (int c : targetColumns) {
                targets.add(number(record, c));
            }
            if (labelColumn >= 0) {
                if (rows == labels.length) {
                    labels = Doubles.grown(labels, name);
                }
                labels[rows] = label(record, labelColumn);
            }
            rows++;
        }

        private double number(CSVRecord record, int c) {
            String cell = record.get(c);
            if (cell.isEmpty()) {
                throw new CsvFormatException(at(c) + ": the cell is empty; every feature and target needs a number");
            }
            if (!NUMBER.matcher(cell).matches()) {
                String lower = cell.toLowerCase(Locale.ROOT);
                if (lower.matches("[+-]?(nan|inf|infinity)")) {
                    throw new CsvFormatException(at(c) + ": '" + cell + "' is not a finite number");
                }
                throw new CsvFormatException(at(c) + ": '" + abbreviate(cell) + "' is not a number");
            }
            double value = Double.parseDouble(cell);
            if (!Double.isFinite(value)) {
                throw new CsvFormatException(at(c) + ": '" + abbreviate(cell) + "' is not a finite number (it overflows a double)");
            }
            return value;
        }

        private int label(CSVRecord record, int c) {
            String cell = record.get(c);
            if (cell.isEmpty()) {
                throw new CsvFormatException(at(c) + ": the label is empty; every row needs its class");
            }
            double value = NUMBER.matcher(cell).matches() ? Double.parseDouble(cell) : Double.NaN;
            int classes = options.getClasses() == 0 ? MAX_CLASSES : options.getClasses();
            if (!(value >= 0) || value != Math.rint(value) || value >= classes) {
                throw new CsvFormatException(at(c) + ": '" + abbreviate(cell) + "' is not a class; expected a whole number in [0, "
                        + classes + ")" + (options.getClasses() == 0 ? " (is '" + columns.get(c) + "' the label column?)" : ""));
            }
            return (int) value;
        }

        private String at(int c) {
            return name + ", line " + line() + ", column " + c + " (" + columns.get(c) + ")";
        }

        /** The line of the record just read: the parser has consumed it, and not yet the next. */
        private long line() {
            return parser.getCurrentLineNumber();
        }

        private Dataset dataset() {
            double[] features = x.trimmed(rows * featureColumns.length);
            if (labelColumn >= 0) {
                int[] l = Arrays.copyOf(labels, rows);
                int classes = options.getClasses();
                if (classes == 0) {
                    for (int label : l) {
                        classes = Math.max(classes, label + 1);
                    }
                }
                return new Dataset(features, l, featureColumns.length, classes);
            }
            return Dataset.ofTargets(features, targets.trimmed(rows * targetColumns.length), featureColumns.length,
                    targetColumns.length);
        }

        private List<String> names(int[] indices) {
            List<String> names = new ArrayList<>();
            for (int c : indices) {
                names.add(columns.get(c));
            }
            return List.copyOf(names);
        }

        private static boolean contains(int[] values, int value) {
            for (int v : values) {
                if (v == value) {
                    return true;
                }
            }
            return false;
        }

        private static String abbreviate(String cell) {
            return cell.length() <= 40 ? cell : cell.substring(0, 37) + "…";
        }
    }

    /**
     * A growing array of doubles, refusing to grow past what the JVM can give with a message instead of an
     * {@code OutOfMemoryError}.
     */
    private static final class Doubles {
        private final String name;
        private double[] values = new double[1024];
        private int size;

        Doubles(String name) {
            this.name = name;
        }

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, newLength(values.length, Double.BYTES, name));
            }
            values[size++] = value;
        }

        double[] trimmed(int n) {
            return Arrays.copyOf(values, n);
        }

        static int[] grown(int[] values, String name) {
            return Arrays.copyOf(values, newLength(values.length, Integer.BYTES, name));
        }

        /** Half as long again, if the JVM can give that many bytes more; otherwise a clear refusal. */
        private static int newLength(int length, int bytes, String name) {
            long next = Math.min(Integer.MAX_VALUE - 8L, length + (length >> 1) + 16L);
            if (next <= length) {
                throw new CsvFormatException(name + ": more values than one Java array holds (" + length + ")");
            }
            Runtime runtime = Runtime.getRuntime();
            long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
            if ((next + length) * bytes > free) {
                throw new CsvFormatException(String.format(Locale.ROOT, "%s: reading it needs more than the %d MB the JVM"
                        + " can still give; run java with a larger -Xmx (now %d MB)", name, free >> 20,
                        runtime.maxMemory() >> 20));
            }
            return (int) next;
        }
    }
}
