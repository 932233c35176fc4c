package dev.scratchnet.spark;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.runtime.train.GradientMode;
import dev.scratchnet.runtime.train.OptimizerType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Builds the grid of a sweep, as Spark MLlib's {@code ParamGridBuilder} does: each call sets the values one setting
 * takes, and {@link #build()} returns every combination. A setting not given keeps the default of
 * {@link SweepConfiguration}.
 *
 * <pre>{@code
 * List<SweepConfiguration> grid = new ParameterGridBuilder()
 *         .learningRates(0.01, 0.1, 0.5).hidden(50, 100).seeds(0, 1).iterations(2000)
 *         .build();                                   // 12 configurations
 * }</pre>
 *
 * <p>Every value is checked when it is given, with the message {@link SweepConfiguration.Builder} gives it; a setting
 * given no value, or one value twice, is an error too, since either is a mistake that would waste or lose runs.
 */
public final class ParameterGridBuilder {
    /** The settings, in the order of the grid's nesting: the last changes fastest. */
    private enum Setting {
        HIDDEN, ACTIVATION, INIT, OPTIMIZER, LEARNING_RATE, BATCH_SIZE, ITERATIONS, WEIGHT_DECAY, GRADIENT, SEED
    }

    private final Axis<?>[] axes = new Axis<?>[Setting.values().length];

    private record Axis<T>(List<T> values, BiConsumer<SweepConfiguration.Builder, T> set) {
        void apply(SweepConfiguration.Builder builder, int index) {
            set.accept(builder, values.get(index));
        }
    }

    public ParameterGridBuilder hidden(int... units) {
        return axis(Setting.HIDDEN, "hidden", IntStream.of(units).boxed().toList(), SweepConfiguration.Builder::hidden);
    }

    public ParameterGridBuilder activations(ActivationFunction... activations) {
        return axis(Setting.ACTIVATION, "activations", Arrays.asList(activations), SweepConfiguration.Builder::activation);
    }

    public ParameterGridBuilder inits(InitMethod... inits) {
        return axis(Setting.INIT, "inits", Arrays.asList(inits), SweepConfiguration.Builder::init);
    }

    public ParameterGridBuilder optimizers(OptimizerType... optimizers) {
        return axis(Setting.OPTIMIZER, "optimizers", Arrays.asList(optimizers), SweepConfiguration.Builder::optimizer);
    }

    public ParameterGridBuilder learningRates(double... learningRates) {
        return axis(Setting.LEARNING_RATE, "learningRates", DoubleStream.of(learningRates).boxed().toList(),
                SweepConfiguration.Builder::learningRate);
    }

    public ParameterGridBuilder batchSizes(int... batchSizes) {
        return axis(Setting.BATCH_SIZE, "batchSizes", IntStream.of(batchSizes).boxed().toList(), SweepConfiguration.Builder::batchSize);
    }

    public ParameterGridBuilder iterations(int... iterations) {
        return axis(Setting.ITERATIONS, "iterations", IntStream.of(iterations).boxed().toList(), SweepConfiguration.Builder::iterations);
    }

    public ParameterGridBuilder weightDecays(double... weightDecays) {
        return axis(Setting.WEIGHT_DECAY, "weightDecays", DoubleStream.of(weightDecays).boxed().toList(),
                SweepConfiguration.Builder::weightDecay);
    }

    public ParameterGridBuilder gradients(GradientMode... gradients) {
        return axis(Setting.GRADIENT, "gradients", Arrays.asList(gradients), SweepConfiguration.Builder::gradient);
    }

    public ParameterGridBuilder seeds(long... seeds) {
        return axis(Setting.SEED, "seeds", LongStream.of(seeds).boxed().toList(), SweepConfiguration.Builder::seed);
    }

    private <T> ParameterGridBuilder axis(Setting setting, String name, List<T> values, BiConsumer<SweepConfiguration.Builder, T> set) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + ": give at least one value; a setting without values leaves the grid empty");
        }
        Set<T> seen = new HashSet<>();
        for (T value : values) {
            if (!seen.add(value)) {
                throw new IllegalArgumentException(name + ": " + value + " is given twice; each configuration would be trained twice");
            }
            SweepConfiguration.Builder check = SweepConfiguration.builder();
            set.accept(check, value);
            check.build();
        }
        axes[setting.ordinal()] = new Axis<>(List.copyOf(values), set);
        return this;
    }

    /** Every combination of the values given, the first setting ({@code hidden}) outermost, {@code seeds} innermost. */
    public List<SweepConfiguration> build() {
        int size = 1;
        for (Axis<?> axis : axes) {
            if (axis != null) {
                size = Math.multiplyExact(size, axis.values().size());
            }
        }
        List<SweepConfiguration> grid = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            SweepConfiguration.Builder builder = SweepConfiguration.builder();
            int rest = n;
            for (int a = axes.length - 1; a >= 0; a--) {
                Axis<?> axis = axes[a];
                if (axis != null) {
                    axis.apply(builder, rest % axis.values().size());
                    rest /= axis.values().size();
                }
            }
            grid.add(builder.build());
        }
        return grid;
    }
}
