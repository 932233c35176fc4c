package dev.scratchnet.processor.model;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;

/**
 * One declared {@code @Layer}: an affine step of {@code inputs → units} followed by an activation.
 *
 * @param name       the field's name, used in comments and Javadoc of generated code
 * @param index      1-based position, as in the book's parameter names ({@code W1}, {@code b1})
 * @param inputs     width of the layer's input (the network's inputs, or the previous layer's units)
 * @param units      width of the layer's output
 * @param activation the activation after the affine step ({@code IDENTITY} when none is declared)
 * @param init       how the weights are initialised
 */
public record LayerSpec(String name, int index, int inputs, int units, ActivationFunction activation, InitMethod init) {
    public String weightName() {
        return "W" + index;
    }

    public String biasName() {
        return "b" + index;
    }

    public int weightCount() {
        return inputs * units;
    }
}
