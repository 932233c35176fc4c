package dev.scratchnet.samples.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Range checks on flags that picocli cannot express, raised as usage errors (exit code 2) naming the flag. */
final class Validation {
    private Validation() {}

    static void positive(CommandSpec spec, String flag, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw usage(spec, flag + " must be finite and > 0, got " + value);
        }
    }

    static void notNegative(CommandSpec spec, String flag, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw usage(spec, flag + " must be finite and >= 0, got " + value);
        }
    }

    static void atLeast(CommandSpec spec, String flag, long value, long min) {
        if (value < min) {
            throw usage(spec, flag + " must be at least " + min + ", got " + value);
        }
    }

    /** {@code why} says where the bound comes from, e.g. {@code "(784 × batch size inputs must fit in a Java array)"}. */
    static void atMost(CommandSpec spec, String flag, long value, long max, String why) {
        if (value > max) {
            throw usage(spec, flag + " must be at most " + max + " " + why + ", got " + value);
        }
    }

    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
