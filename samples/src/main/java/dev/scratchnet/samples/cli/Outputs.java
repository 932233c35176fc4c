package dev.scratchnet.samples.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run writes once its work is done, in the order added — the weights first, because they are the expensive
 * part — each attempted even when one before it failed: a picture that cannot be written never loses anything else.
 */
final class Outputs {
    /** Writes one file and returns the line that reports it. */
    @FunctionalInterface
    interface Output {
        String write();
    }

    private final List<Output> outputs = new ArrayList<>();

    void add(Output output) {
        outputs.add(output);
    }

    /**
     * Writes every output, printing each one's line on {@code out}.
     *
     * @throws RuntimeException once all were tried, if any failed: the first failure's message, and the others',
     *         joined on one line (each names its file), with the failures as cause and suppressed exceptions
     */
    void writeAll(PrintStream out) {
        List<RuntimeException> failures = new ArrayList<>();
        for (Output output : outputs) {
            try {
                out.println(output.write());
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        RuntimeException first = failures.get(0);
        if (failures.size() == 1) {
            throw first;
        }
        StringBuilder messages = new StringBuilder();
        for (RuntimeException e : failures) {
            messages.append(messages.length() == 0 ? "" : "; ").append(e.getMessage());
        }
        RuntimeException all = new RuntimeException(messages.toString(), first);
        failures.subList(1, failures.size()).forEach(all::addSuppressed);
        throw all;
    }
}
