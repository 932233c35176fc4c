package dev.scratchnet.annotations.internal;

import static dev.scratchnet.annotations.ActivationFunction.IDENTITY;
import static dev.scratchnet.annotations.ActivationFunction.SOFTMAX;
import static dev.scratchnet.annotations.ActivationFunction.STEP;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The one check of the {@link NetworkRule}s, which both front doors call. */
public final class NetworkRules {
    /**
     * The longest array the JDK itself relies on allocating (its {@code SOFT_MAX_ARRAY_LENGTH}): each layer's
     * weights are one {@code double[]}.
     */
    static final int MAX_WEIGHTS = Integer.MAX_VALUE - 8;

    private NetworkRules() {}

    /**
     * Every rule {@code network} breaks: each rule's violations together, in the order of {@link NetworkRule},
     * then layer by layer.
     */
    public static List<Violation> check(NetworkDescription network) {
        List<Violation> violations = new ArrayList<>();
        List<LayerDescription> layers = network.layers();
        Integer inputs = network.inputs();
        if (inputs != null && inputs <= 0) {
            violations.add(onNetwork(NetworkRule.INPUTS, inputs));
        }
        if (layers.isEmpty()) {
            violations.add(onNetwork(NetworkRule.NO_LAYERS));
        }
        for (int k = 1; k <= layers.size(); k++) {
            checkLayer(k, inputs, layers, violations);
            inputs = layers.get(k - 1).units();
        }
        LossFunction loss = network.loss();
        if (loss == null) {
            violations.add(onNetwork(NetworkRule.MISSING_LOSS));
        } else if (!layers.isEmpty()) {
            checkLastActivation(loss, layers.size(), layers.get(layers.size() - 1).activation(), violations);
        }
        violations.sort(Comparator.comparing(Violation::rule));
        return violations;
    }

    /** The rules on layer {@code k}, whose rows are {@code inputs} wide (null: not read). */
    private static void checkLayer(int k, Integer inputs, List<LayerDescription> layers, List<Violation> violations) {
        Integer units = layers.get(k - 1).units();
        ActivationFunction activation = layers.get(k - 1).activation();
        if (units != null && units <= 0) {
            violations.add(onLayer(k, NetworkRule.UNITS, units, k));
        } else if (units != null && inputs != null && inputs > 0) {
            long weights = (long) inputs * units;
            if (weights > MAX_WEIGHTS) {
                violations.add(onLayer(k, NetworkRule.LAYER_TOO_LARGE, k, inputs, units, weights, MAX_WEIGHTS));
            }
        }
        if (activation == SOFTMAX && k < layers.size()) {
            violations.add(onLayer(k, NetworkRule.SOFTMAX_HIDDEN, k, layers.size()));
        }
        if (activation == STEP) {
            violations.add(onLayer(k, NetworkRule.STEP, k));
        }
    }

    /** The loss and the activation of the last layer, layer {@code k}, must suit each other; a null one is not read. */
    private static void checkLastActivation(LossFunction loss, int k, ActivationFunction last, List<Violation> violations) {
        if (last == null) {
            return;
        }
        switch (loss) {
            case SOFTMAX_CROSS_ENTROPY -> {
                if (last != IDENTITY && last != SOFTMAX) {
                    violations.add(onLayer(k, NetworkRule.SOFTMAX_CROSS_ENTROPY_AFTER_ACTIVATION, last));
                }
            }
            case CROSS_ENTROPY -> {
                if (last != SOFTMAX) {
                    violations.add(onLayer(k, NetworkRule.CROSS_ENTROPY_WITHOUT_SOFTMAX, last));
                }
            }
            case MEAN_SQUARED_ERROR -> {
                if (last == SOFTMAX) {
                    violations.add(onLayer(k, NetworkRule.MEAN_SQUARED_ERROR_AFTER_SOFTMAX));
                }
            }
        }
    }

    private static Violation onNetwork(NetworkRule rule, Object... arguments) {
        return onLayer(Violation.NETWORK, rule, arguments);
    }

    private static Violation onLayer(int layer, NetworkRule rule, Object... arguments) {
        return new Violation(rule, layer, List.of(arguments));
    }
}
