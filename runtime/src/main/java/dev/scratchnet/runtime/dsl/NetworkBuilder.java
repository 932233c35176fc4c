package dev.scratchnet.runtime.dsl;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.annotations.internal.FrontDoor;
import dev.scratchnet.annotations.internal.LayerDescription;
import dev.scratchnet.annotations.internal.NetworkDescription;
import dev.scratchnet.annotations.internal.NetworkRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Records dense layers in order and a loss, then {@link #build()}s a {@link SequentialNetwork}. Each method
 * returns this builder, so calls chain in Java; in Kotlin the builder is the receiver of a lambda
 * ({@code Networks.builder(784).apply { dense(50, RELU); dense(10); loss(SOFTMAX_CROSS_ENTROPY) }.build()}).
 *
 * <p>Layer sizes, activations and the loss are checked together in {@link #build()}, which reports every
 * broken rule at once, with the same tags and rule sentences as the annotation processor's compile errors.
 * Calls in an impossible order ({@link #init} before any layer, a second {@link #init} or {@link #loss}) fail
 * immediately.
 */
public final class NetworkBuilder {
    private final int inputs;
    private final List<LayerInfo> layers = new ArrayList<>();
    private @Nullable LossFunction loss;

    NetworkBuilder(int inputs) {
        this.inputs = inputs;
    }

    /** Adds a dense layer of {@code units} outputs with no activation (IDENTITY). */
    public NetworkBuilder dense(int units) {
        return dense(units, ActivationFunction.IDENTITY);
    }

    /** Adds a dense layer of {@code units} outputs followed by {@code activation}. */
    public NetworkBuilder dense(int units, ActivationFunction activation) {
        Objects.requireNonNull(activation, "activation: pass an ActivationFunction, e.g. RELU, or call dense(units) for none");
        layers.add(new LayerInfo("dense" + (layers.size() + 1), units, activation, null));
        return this;
    }

    /** Asks for {@code method} as the weight initialisation of the layer added last, for the trainer to apply. */
    public NetworkBuilder init(InitMethod method) {
        Objects.requireNonNull(method, "method: pass an InitMethod, e.g. HE");
        if (layers.isEmpty()) {
            throw new IllegalStateException("init(" + method + ") sets the initialisation of the layer before it;"
                    + " call dense(units) first");
        }
        int last = layers.size() - 1;
        LayerInfo layer = layers.get(last);
        if (layer.getInit() != null) {
            throw new IllegalStateException("init(" + method + "): layer " + (last + 1) + " already has init(" + layer.getInit()
                    + "); call init once per layer");
        }
        layers.set(last, layer.withInit(method));
        return this;
    }

    /** Sets the loss the network is trained on. */
    public NetworkBuilder loss(LossFunction loss) {
        Objects.requireNonNull(loss, "loss: pass a LossFunction, e.g. SOFTMAX_CROSS_ENTROPY");
        if (this.loss != null) {
            throw new IllegalStateException("loss(" + loss + "): the loss is already " + this.loss + "; call loss once");
        }
        this.loss = loss;
        return this;
    }

    /**
     * A new network of the recorded layers and loss. Deterministic: every weight and bias is zero, so
     * initialise the network before training (each layer's requested initialisation is in
     * {@link SequentialNetwork#getLayers()}).
     *
     * @throws InvalidNetworkException listing every broken rule
     */
    public SequentialNetwork build() {
        List<String> violations = violations();
        if (!violations.isEmpty()) {
            throw new InvalidNetworkException(violations);
        }
        return new SequentialNetwork(inputs, layers, Objects.requireNonNull(loss));
    }

    /** The broken rules, as the annotation processor checks them, with fixes in this builder's syntax. */
    private List<String> violations() {
        List<LayerDescription> described = layers.stream()
                .map(layer -> new LayerDescription(layer.getUnits(), layer.getActivation()))
                .toList();
        return NetworkRules.check(new NetworkDescription(inputs, described, loss)).stream()
                .map(violation -> violation.message(FrontDoor.DSL))
                .toList();
    }
}
