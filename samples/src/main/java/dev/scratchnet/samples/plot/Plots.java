package dev.scratchnet.samples.plot;

import dev.scratchnet.runtime.Functions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
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

    /** Adds a line without markers. */
    public static void line(XYChart chart, String name, double[] x, double[] y) {
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    /** Writes {@code chart} as a PNG, creating parent directories; fails with a message naming the file. */
    public static void save(XYChart chart, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
        }
    }
}
