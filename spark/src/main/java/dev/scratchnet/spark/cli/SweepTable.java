package dev.scratchnet.spark.cli;

import dev.scratchnet.spark.SweepConfiguration;
import dev.scratchnet.spark.SweepResult;
import dev.scratchnet.spark.SweepRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The sweep's results as a text table: a column for each setting that varies across the grid (the others are listed
 * once above the table), then the results; diverged runs and the best run are named below it.
 */
final class SweepTable {
    private SweepTable() {
    }

    /** A setting's name as its flag has it, its value as text, and whether that is a word (left-aligned) or a number. */
    private record Setting(String name, Function<SweepConfiguration, String> value, boolean word) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("hidden", c -> Integer.toString(c.getHidden()), false),
            new Setting("activation", c -> lower(c.getActivation()), true),
            new Setting("init", c -> lower(c.getInit()), true),
            new Setting("optimizer", c -> lower(c.getOptimizer()), true),
            new Setting("learning-rate", c -> Double.toString(c.getLearningRate()), false),
            new Setting("batch-size", c -> Integer.toString(c.getBatchSize()), false),
            new Setting("iterations", c -> Integer.toString(c.getIterations()), false),
            new Setting("weight-decay", c -> Double.toString(c.getWeightDecay()), false),
            new Setting("gradient", c -> lower(c.getGradient()), true),
            new Setting("seed", c -> Long.toString(c.getSeed()), false));

    static String format(SweepResult result) {
        List<SweepRow> rows = result.getRows();
        List<Setting> varying = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        for (Setting s : SETTINGS) {
            Set<String> values = new HashSet<>();
            rows.forEach(r -> values.add(s.value().apply(r.getConfiguration())));
            if (values.size() > 1) {
                varying.add(s);
            } else {
                fixed.add(s.name() + " " + values.iterator().next());
            }
        }
        List<String[]> cells = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("#"));
        varying.forEach(s -> header.add(s.name()));
        header.addAll(List.of("final loss", "train acc", "test acc", "seconds"));
        cells.add(header.toArray(new String[0]));
        boolean[] words = new boolean[header.size()];
        for (int c = 0; c < varying.size(); c++) {
            words[1 + c] = varying.get(c).word();
        }
        for (SweepRow row : rows) {
            List<String> line = new ArrayList<>(List.of(Integer.toString(row.getIndex())));
            varying.forEach(s -> line.add(s.value().apply(row.getConfiguration())));
            boolean diverged = row.getFailure() != null;
            line.add(diverged ? "diverged" : String.format(Locale.ROOT, "%.4f", row.getFinalLoss()));
            line.add(diverged ? "-" : String.format(Locale.ROOT, "%.4f", row.getTrainAccuracy()));
            line.add(diverged ? "-" : String.format(Locale.ROOT, "%.4f", row.getTestAccuracy()));
            line.add(String.format(Locale.ROOT, "%.1f", row.getSeconds()));
            cells.add(line.toArray(new String[0]));
        }
        StringBuilder out = new StringBuilder();
        if (!fixed.isEmpty()) {
            out.append("every configuration: ").append(String.join(", ", fixed)).append('\n');
        }
        appendAligned(out, cells, words);
        double trainingSeconds = 0;
        for (SweepRow row : rows) {
            trainingSeconds += row.getSeconds();
            if (row.getFailure() != null) {
                out.append('#').append(row.getIndex()).append(": ").append(row.getFailure()).append('\n');
            }
        }
        SweepRow best = result.getBest();
        out.append(best == null ? "best: none, every run diverged"
                : String.format(Locale.ROOT, "best: #%d (%s), test accuracy %.4f", best.getIndex(), best.getConfiguration(),
                        best.getTestAccuracy()));
        out.append(String.format(Locale.ROOT, "%n%d configurations in %.1f s (%.1f s of training in the tasks)%n", rows.size(),
                result.getSeconds(), trainingSeconds));
        return out.toString();
    }

    /** Columns two spaces apart, words left-aligned and numbers right-aligned. */
    private static void appendAligned(StringBuilder out, List<String[]> cells, boolean[] words) {
        int columns = cells.get(0).length;
        int[] widths = new int[columns];
        for (String[] line : cells) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String format = "%" + (words[c] ? "-" : "") + widths[c] + "s";
                text.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, line[c]));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
