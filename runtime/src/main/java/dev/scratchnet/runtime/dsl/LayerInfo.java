package dev.scratchnet.runtime.dsl;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One dense layer of a {@link SequentialNetwork} as it was declared: its name ({@code dense1},
 * {@code dense2}, …; layer {@code k} owns parameters {@code Wk} and {@code bk}), units, activation, and the
 * weight initialisation it asked for, if any.
 */
public final class LayerInfo {
    private final String name;
    private final int units;
    private final ActivationFunction activation;
    private final @Nullable InitMethod init;

    LayerInfo(String name, int units, ActivationFunction activation, @Nullable InitMethod init) {
        this.name = name;
        this.units = units;
        this.activation = activation;
        this.init = init;
    }

    public String getName() {
        return name;
    }

    public int getUnits() {
        return units;
    }

    /** The activation as declared; on the last layer, SOFTMAX is the loss's own softmax (see {@link Networks}). */
    public ActivationFunction getActivation() {
        return activation;
    }

    /** The initialisation this layer's weights should get, or {@code null} when the trainer's default applies. */
    public @Nullable InitMethod getInit() {
        return init;
    }

    LayerInfo withInit(InitMethod method) {
        return new LayerInfo(name, units, activation, method);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof LayerInfo l && l.name.equals(name) && l.units == units && l.activation == activation && l.init == init;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, units, activation, init);
    }

    @Override
    public String toString() {
        return name + "(" + units + ", " + activation + (init == null ? "" : ", init " + init) + ")";
    }
}
