package dev.scratchnet.annotations;

/**
 * The type of a {@link Layer @Layer} field: the field reads as a declaration ({@code Dense hidden;})
 * and is never instantiated or assigned; its name becomes the layer's name in generated code and
 * comments. The parameters live in the generated model.
 */
public final class Dense {
    private Dense() {}
}
