package dev.scratchnet.samples.cli;

import dev.scratchnet.runtime.train.TrainingEvent;
import dev.scratchnet.runtime.train.TrainingListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training feedback: a progress bar (iteration, loss, last test accuracy, iterations/s) on a terminal, or one
 * plain line per evaluation when the output is a pipe or a CI log.
 */
abstract class TrainingProgress implements TrainingListener, AutoCloseable {
    /**
     * A bar when {@code bar} is allowed and a console is attached, plain lines on {@code out} otherwise; speeds count
     * the iterations from {@code first} (where a resumed run starts) on.
     */
    static TrainingProgress create(PrintStream out, int first, int iterations, boolean bar) {
        return bar && System.console() != null ? new Bar(out, first, iterations) : new Lines(out, first);
    }

    @Override
    public void close() {}

    private static final class Bar extends TrainingProgress {
        private final ProgressBar bar;
        private double testAccuracy = Double.NaN;
        private double testLoss = Double.NaN;

        Bar(PrintStream out, int first, int iterations) {
            bar = new ProgressBarBuilder()
                    .setTaskName("training")
                    .setInitialMax(iterations)
                    .startsFrom(first, Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII)
                    // An explicit width keeps progressbar from opening a JLine terminal, whose signal handling
                    // would take Ctrl-C from the run's own handler (Interruption).
                    .setConsumer(new ConsoleProgressBarConsumer(out, width()))
                    .showSpeed()
                    .setUnit(" it", 1)
                    .build();
        }

        private static int width() {
            String columns = System.getenv("COLUMNS");
            try {
                return columns == null ? 120 : Math.max(60, Integer.parseInt(columns.trim()) - 1);
            } catch (NumberFormatException e) {
                return 120;
            }
        }

        @Override
        public void onEvent(TrainingEvent e) {
            if (e.isEvaluation()) {
                testAccuracy = e.getTestAccuracy();
                testLoss = e.getTestLoss();
            }
            bar.stepTo(e.getIteration() + 1L);
            if (e.isEvaluation() || e.getIteration() % 50 == 0) {
                bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d, loss %.4f, %s", e.getEpoch(), e.getLoss(),
                        Double.isNaN(testAccuracy) ? String.format(Locale.ROOT, "test loss %.4f", testLoss)
                                : String.format(Locale.ROOT, "test accuracy %.4f", testAccuracy)));
            }
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    private static final class Lines extends TrainingProgress {
        private final PrintStream out;
        private final int first;
        private final long start = System.nanoTime();

        Lines(PrintStream out, int first) {
            this.out = out;
            this.first = first;
        }

        @Override
        public void onEvent(TrainingEvent e) {
            if (e.isEvaluation()) {
                double seconds = (System.nanoTime() - start) / 1e9;
                String speed = e.getIteration() == first ? ""
                        : String.format(Locale.ROOT, "  %.0f it/s", (e.getIteration() - first) / seconds);
                String scores = Double.isNaN(e.getTestAccuracy())
                        ? String.format(Locale.ROOT, "test loss %.4f", e.getTestLoss())
                        : String.format(Locale.ROOT, "train %.4f  test %.4f", e.getTrainAccuracy(), e.getTestAccuracy());
                out.printf(Locale.ROOT, "epoch %3d  iteration %6d/%d  loss %.4f  %s%s%n", e.getEpoch(), e.getIteration(),
                        e.getIterations(), e.getLoss(), scores, speed);
            }
        }
    }
}
