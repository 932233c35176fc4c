package dev.scratchnet.annotations.internal;

/** The two ways a network is declared; a rule's fix names the syntax of the one that reported it. */
public enum FrontDoor {
    /** {@code @Network}, {@code @Layer}, … read by the annotation processor. */
    ANNOTATIONS,
    /** The run-time builder's methods: {@code dense(units)}, {@code loss(…)}. */
    DSL
}
