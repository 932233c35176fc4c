package dev.scratchnet.runtime;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a model is: its input width, its dense layers (each with its output shape, activation and parameter count),
 * its loss and the total number of parameters. A value: {@link #toString()} is the familiar table,
 *
 * <pre>
 * TwoLayerNetModel
 * Layer            Output shape     Activation     Parameters
 * input            (batch, 784)
 * hidden (Dense)   (batch, 50)      RELU               39,250
 * output (Dense)   (batch, 10)      IDENTITY              510
 * loss SOFTMAX_CROSS_ENTROPY
 * Total parameters: 39,760
 * </pre>
 *
 * <p>Two summaries are equal when they describe the same network: the input width, each layer's units and
 * activation, and the loss. The model's and the layers' names label the table and take no part, so a generated
 * model and the DSL's network of the same layers have equal summaries.
 */
public final class Summary {
    private final String model;
    private final int inputs;
    private final LossFunction loss;
    private final List<Layer> layers;

    private Summary(String model, int inputs, LossFunction loss, List<Layer> layers) {
        this.model = Objects.requireNonNull(model, "model");
        this.inputs = inputs;
        this.loss = Objects.requireNonNull(loss, "loss");
        this.layers = List.copyOf(layers);
    }

    /** A summary of a model named {@code model} taking {@code inputs} values per row and trained on {@code loss}, with no layers yet. */
    public static Summary of(String model, int inputs, LossFunction loss) {
        if (inputs <= 0) {
            throw new IllegalArgumentException("inputs must be positive, got " + inputs);
        }
        return new Summary(model, inputs, loss, List.of());
    }

    /** This summary with a dense layer of {@code units} outputs and {@code activation} appended. */
    public Summary dense(String name, int units, ActivationFunction activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("units must be positive, got " + units);
        }
        int in = layers.isEmpty() ? inputs : layers.get(layers.size() - 1).getUnits();
        List<Layer> more = new ArrayList<>(layers);
        more.add(new Layer(name, units, activation, (long) in * units + units));
        return new Summary(model, inputs, loss, more);
    }

    /** The model's name, e.g. the generated class's. */
    public String getModel() {
        return model;
    }

    public int getInputs() {
        return inputs;
    }

    public LossFunction getLoss() {
        return loss;
    }

    /** The dense layers in order. */
    public List<Layer> getLayers() {
        return layers;
    }

    /** Weights and biases of every layer. */
    public long getTotalParameters() {
        long total = 0;
        for (Layer layer : layers) {
            total += layer.getParameters();
        }
        return total;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Summary s && s.inputs == inputs && s.loss == loss && s.layers.equals(layers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputs, loss, layers);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(model).append('\n');
        s.append(String.format(Locale.ROOT, "%-24s %-16s %-12s %12s%n", "Layer", "Output shape", "Activation", "Parameters"));
        s.append(String.format(Locale.ROOT, "%-24s %s%n", "input", "(batch, " + inputs + ")"));
        for (Layer layer : layers) {
            s.append(String.format(Locale.ROOT, "%-24s %-16s %-12s %,12d%n", layer.getName() + " (Dense)",
                    "(batch, " + layer.getUnits() + ")", layer.getActivation(), layer.getParameters()));
        }
        s.append("loss ").append(loss).append('\n');
        return s.append(String.format(Locale.ROOT, "Total parameters: %,d", getTotalParameters())).toString();
    }

    /** One dense layer of a {@link Summary}. */
    public static final class Layer {
        private final String name;
        private final int units;
        private final ActivationFunction activation;
        private final long parameters;

        Layer(String name, int units, ActivationFunction activation, long parameters) {
            this.name = Objects.requireNonNull(name, "name");
            this.units = units;
            this.activation = Objects.requireNonNull(activation, "activation");
            this.parameters = parameters;
        }

        /** The layer's name: the declared field of a generated model, {@code dense1, dense2, …} in the DSL. */
        public String getName() {
            return name;
        }

        public int getUnits() {
            return units;
        }

        public ActivationFunction getActivation() {
            return activation;
        }

        /** Weights and biases: {@code inputs · units + units}. */
        public long getParameters() {
            return parameters;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Layer l && l.units == units && l.activation == activation && l.parameters == parameters;
        }

        @Override
        public int hashCode() {
            return Objects.hash(units, activation, parameters);
        }

        @Override
        public String toString() {
            return name + "(" + units + ", " + activation + ")";
        }
    }
}
