package dev.scratchnet.samples.plot;

import dev.scratchnet.runtime.Functions;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.eval.ClassificationEvaluation;
import dev.scratchnet.runtime.train.History;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The book's figures as PNG files, drawn with XChart (headless). */
public final class Plots {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 600;

    private Plots() {}

    /** Step, sigmoid and ReLU on [-5, 5] (figures 3-6, 3-7, 3-9). */
    public static void activations(Path file) {
        int n = 1001;
        double[] x = new double[n];
        double[] step = new double[n];
        double[] sigmoid = new double[n];
        double[] relu = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -5.0 + 10.0 * i / (n - 1);
            step[i] = Functions.step(x[i]);
            sigmoid[i] = Functions.sigmoid(x[i]);
            relu[i] = Functions.relu(x[i]);
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Activation functions").xAxisTitle("x").yAxisTitle("y").build();
        chart.getStyler().setYAxisMin(-0.1).setYAxisMax(5.0);
        line(chart, "step", x, step);
        line(chart, "sigmoid", x, sigmoid);
        line(chart, "ReLU", x, relu);
        save(chart, file);
    }

    /** The path of gradient descent on x0² + x1² (figure 4-10). */
    public static void descentPath(List<double[]> path, Path file) {
        double[] x0 = new double[path.size()];
        double[] x1 = new double[path.size()];
        for (int i = 0; i < path.size(); i++) {
            x0[i] = path.get(i)[0];
            x1[i] = path.get(i)[1];
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Gradient descent on x0² + x1²").xAxisTitle("x0").yAxisTitle("x1").build();
        chart.getStyler().setXAxisMin(-3.5).setXAxisMax(3.5).setYAxisMin(-4.5).setYAxisMax(4.5);
        XYSeries series = chart.addSeries("path", x0, x1);
        series.setMarker(SeriesMarkers.CIRCLE);
        save(chart, file);
    }

    /** Train and test accuracy per evaluation, and the mini-batch loss per iteration (the book's figures 4-11, 4-12). */
    public static void training(History history, Path file) {
        int[] at = history.getEvaluationIterations();
        double[] epochs = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            epochs[i] = i;
        }
        XYChart accuracy = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Accuracy").xAxisTitle("epochs").yAxisTitle("accuracy").build();
        accuracy.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        List<XYChart> charts = new ArrayList<>();
        if (at.length > 0) {
            accuracy.addSeries("train", epochs, history.getTrainAccuracies()).setMarker(SeriesMarkers.CIRCLE);
            accuracy.addSeries("test", epochs, history.getTestAccuracies()).setMarker(SeriesMarkers.DIAMOND);
        }
        charts.add(accuracy);
        double[] losses = history.getLosses();
        if (losses.length > 0) {
            double[] iterations = new double[losses.length];
            for (int i = 0; i < losses.length; i++) {
                iterations[i] = history.getFirstIteration() + i;
            }
            XYChart loss = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                    .title("Loss").xAxisTitle("iteration").yAxisTitle("loss").build();
            loss.getStyler().setLegendVisible(false);
            line(loss, "mini-batch loss", iterations, losses);
            charts.add(loss);
        }
        save(charts, file);
    }

    /**
     * A grid of up to 100 misclassified test images, each captioned "true → predicted"; returns how many
     * were drawn.
     */
    public static int misclassified(Model model, Dataset test, int imageRows, int imageCols, Path file) {
        int n = test.getSize();
        int features = test.getFeatures();
        double[] out = new double[n * model.getOutputs()];
        model.predict(test.getX(), n, out);
        List<int[]> wrong = new ArrayList<>();
        for (int r = 0; r < n && wrong.size() < 100; r++) {
            int predicted = argmax(out, r * model.getOutputs(), model.getOutputs());
            if (predicted != test.getLabels()[r]) {
                wrong.add(new int[] {r, predicted});
            }
        }
        int cols = 10;
        int scale = 3;
        int cellW = imageCols * scale + 8;
        int cellH = imageRows * scale + 22;
        int gridRows = Math.max(1, (wrong.size() + cols - 1) / cols);
        BufferedImage image = new BufferedImage(cols * cellW, gridRows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        double max = maxValue(test.getX());
        for (int k = 0; k < wrong.size(); k++) {
            int row = wrong.get(k)[0];
            int x0 = (k % cols) * cellW + 4;
            int y0 = (k / cols) * cellH + 18;
            for (int i = 0; i < imageRows; i++) {
                for (int j = 0; j < imageCols; j++) {
                    double v = test.getX()[row * features + i * imageCols + j] / max;
                    int grey = 255 - (int) Math.round(255 * Math.min(1.0, Math.max(0.0, v)));
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(x0 + j * scale, y0 + i * scale, scale, scale);
                }
            }
            g.setColor(Color.RED.darker());
            g.drawString(test.getLabels()[row] + " \u2192 " + wrong.get(k)[1], x0 + 2, y0 - 4);
        }
        g.dispose();
        // Through a stream opened here: ImageIO.write(…, File) prints the stack trace of a file it cannot create.
        try {
            createParent(file);
            try (OutputStream png = Files.newOutputStream(file)) {
                if (!ImageIO.write(image, "png", png)) {
                    throw new IOException("no PNG writer available");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image " + file + ": " + e.getMessage(), e);
        }
        return wrong.size();
    }

    /**
     * The confusion matrix as a heat map, labels down and predictions across, each cell showing its count (the
     * diagonal holds the rows classified right).
     */
    public static void confusion(ClassificationEvaluation evaluation, Path file) {
        int classes = evaluation.getClasses();
        long[][] counts = evaluation.getConfusion();
        int[] axis = new int[classes];
        List<Number[]> cells = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            axis[c] = c;
            for (int p = 0; p < classes; p++) {
                // Rows are drawn bottom up: label 0 goes on top, as in the printed table.
                cells.add(new Number[] {p, classes - 1 - c, counts[c][p]});
            }
        }
        List<Integer> predicted = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            predicted.add(c);
            labels.add(classes - 1 - c);
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format(Locale.ROOT, "Confusion matrix (accuracy %.4f)", evaluation.getAccuracy()))
                .xAxisTitle("predicted").yAxisTitle("label").build();
        chart.getStyler().setShowValue(true).setLegendVisible(false);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x3b, 0x6e, 0xa8)});
        chart.addSeries("rows", predicted, labels, cells);
        saveChart(chart, file);
    }

    /**
     * A regression of one input on one output: the data as points, and the model's curve over the inputs' range,
     * with the function the data was drawn from when there is one.
     */
    public static void fit(double[] x, double[] t, double[] curveX, double[] curveY, double[] truth, Path file) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Regression").xAxisTitle("x").yAxisTitle("y").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        XYSeries data = chart.addSeries("data", x, t);
        data.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        data.setMarker(SeriesMarkers.CIRCLE);
        if (truth.length > 0) {
            line(chart, "sin(x)", curveX, truth);
        }
        line(chart, "network", curveX, curveY);
        save(chart, file);
    }

    private static int argmax(double[] values, int offset, int length) {
        int best = 0;
        for (int j = 1; j < length; j++) {
            if (values[offset + j] > values[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    private static double maxValue(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max == 0 ? 1 : max;
    }

    /** Adds a line without markers. */
    public static void line(XYChart chart, String name, double[] x, double[] y) {
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    /** Writes {@code chart} as a PNG, creating parent directories; fails with a message naming the file. */
    public static void save(XYChart chart, Path file) {
        save(List.of(chart), file);
    }

    /** Writes {@code chart} as a PNG, exactly at {@code file}. */
    private static void saveChart(Chart<?, ?> chart, Path file) {
        try {
            createParent(file);
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code charts} side by side as one PNG, exactly at {@code file} (XChart's String overloads append ".png"). */
    private static void save(List<XYChart> charts, Path file) {
        try {
            createParent(file);
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
