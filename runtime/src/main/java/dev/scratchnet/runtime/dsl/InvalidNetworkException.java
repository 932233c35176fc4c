package dev.scratchnet.runtime.dsl;

import java.util.List;

/**
 * A network description that breaks one or more {@link NetworkRules}: the message lists every violation,
 * one per line, in the order of {@link NetworkRules}.
 */
public final class InvalidNetworkException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    InvalidNetworkException(List<String> violations) {
        super(String.join("\n", violations));
        this.violations = List.copyOf(violations);
    }

    /** Each violated rule's message, in the order of the message's lines. */
    public List<String> getViolations() {
        return violations;
    }
}
