package dev.scratchnet.annotations.internal;

import dev.scratchnet.annotations.LossFunction;
import java.util.List;

/**
 * A network as the rules see it: the width of an input row, the layers in order, and the loss. Null inputs
 * are inputs the front door could not read and has reported already; the rules that need them are not
 * checked. A null loss is a network declared without one.
 */
public record NetworkDescription(Integer inputs, List<LayerDescription> layers, LossFunction loss) {
    public NetworkDescription {
        layers = List.copyOf(layers);
    }
}
