package dev.scratchnet.runtime.dsl;

/** Describes a network's layers and loss to the {@link NetworkBuilder} it is given; see {@link Networks#sequential}. */
@FunctionalInterface
public interface NetworkDefinition {
    void describe(NetworkBuilder net);
}
