package dev.scratchnet.annotations.internal;

import java.util.List;

/**
 * One broken rule: which, where, and the arguments of its sentence. Where is a layer, from 1, or
 * {@link #NETWORK} for the network as a whole (its inputs, its layers, a missing loss). A last layer that
 * does not suit the loss is a violation on that layer: its activation is what the fix changes.
 */
public record Violation(NetworkRule rule, int layer, List<Object> arguments) {
    /** The {@link #layer()} of a violation by the network as a whole. */
    public static final int NETWORK = 0;

    public Violation {
        arguments = List.copyOf(arguments);
    }

    /** {@code [Tag] rule; fix}, the fix in the syntax of {@code door}. */
    public String message(FrontDoor door) {
        return rule.message(door, arguments.toArray());
    }
}
