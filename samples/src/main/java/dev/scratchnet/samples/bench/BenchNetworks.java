package dev.scratchnet.samples.bench;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.dsl.NetworkBuilder;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.samples.TwoLayerNetModel;
import dev.scratchnet.samples.TwoLayerNetSigmoidModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A network shape for {@code bench}, 784 inputs, hidden layers with their activations, and 10 softmax outputs, built
 * by either front door: the generated model of that shape (there is one for 784-50-10 ReLU and sigmoid, 784-1000-10
 * ReLU and 784-100-50-30-10 ReLU/tanh/sigmoid) or the DSL's network.
 */
public record BenchNetworks(List<Integer> hidden, List<ActivationFunction> activations) {
    public BenchNetworks {
        hidden = List.copyOf(hidden);
        activations = List.copyOf(activations);
        if (hidden.isEmpty() || hidden.size() != activations.size()) {
            throw new IllegalArgumentException("one activation per hidden layer: " + hidden + ", " + activations);
        }
    }

    /** The book's 784-50-10 with {@code activation}. */
    public static BenchNetworks book(ActivationFunction activation) {
        return new BenchNetworks(List.of(50), List.of(activation));
    }

    /** {@code 784-50-10 (RELU)}, for messages and reports. */
    @Override
    public String toString() {
        return "784-" + hidden.stream().map(String::valueOf).collect(Collectors.joining("-")) + "-10 ("
                + activations.stream().map(a -> a.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(",")) + ")";
    }

    /** The generated model of this shape, with zero weights, if there is one. */
    public Optional<Model> generated() {
        if (hidden.equals(List.of(50)) && activations.equals(List.of(ActivationFunction.RELU))) {
            return Optional.of(new TwoLayerNetModel());
        }
        if (hidden.equals(List.of(50)) && activations.equals(List.of(ActivationFunction.SIGMOID))) {
            return Optional.of(new TwoLayerNetSigmoidModel());
        }
        if (hidden.equals(List.of(1000)) && activations.equals(List.of(ActivationFunction.RELU))) {
            return Optional.of(new Wide1000NetModel());
        }
        if (hidden.equals(List.of(100, 50, 30)) && activations.equals(
                List.of(ActivationFunction.RELU, ActivationFunction.TANH, ActivationFunction.SIGMOID))) {
            return Optional.of(new DeepNetModel());
        }
        return Optional.empty();
    }

    /** The DSL's network of this shape, with zero weights. */
    public Model dsl() {
        NetworkBuilder builder = Networks.builder(784);
        for (int k = 0; k < hidden.size(); k++) {
            builder.dense(hidden.get(k), activations.get(k));
        }
        return builder.dense(10).loss(LossFunction.SOFTMAX_CROSS_ENTROPY).build();
    }

    /**
     * Floating-point operations of one training iteration at batch 100 counted as numpy's dense products do them
     * (two per multiply-add): {@code x·W1} and {@code xᵀ·d1} for the first layer (its input gradient is not
     * needed), and forward, input gradient and weight gradient for every other layer.
     */
    public double flopsPerIteration() {
        double multiplyAdds = 2.0 * 784 * hidden.get(0);
        int in = hidden.get(0);
        for (int k = 1; k <= hidden.size(); k++) {
            int out = k < hidden.size() ? hidden.get(k) : 10;
            multiplyAdds += 3.0 * in * out;
            in = out;
        }
        return 2.0 * 100 * multiplyAdds;
    }
}
