package dev.scratchnet.runtime.train;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One kind of per-array optimizer state (Momentum's {@code v}, AdaGrad's {@code h}, Adam's {@code m} and
 * {@code v}): an array per parameter index, allocated the first time that index is stepped and reused on every
 * later step. In {@link Optimizer#getState()} the arrays are keyed {@code <kind>.<index>}.
 */
final class StateArrays {
    private final String kind;
    private double[][] arrays = new double[0][];

    StateArrays(String kind) {
        this.kind = kind;
    }

    /** The state of parameter {@code index}, zero-filled on first use. */
    double[] get(int index, int size) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("parameter index must be >= 0, got " + index);
        }
        if (index >= arrays.length) {
            arrays = Arrays.copyOf(arrays, index + 1);
        }
        double[] a = arrays[index];
        if (a == null) {
            a = new double[size];
            arrays[index] = a;
        } else if (a.length != size) {
            throw new IllegalArgumentException(kind + "." + index + " holds " + a.length + " values but parameter " + index
                    + " has " + size + "; use a new optimizer (or state saved from this model) for a different model");
        }
        return a;
    }

    /** Puts copies of the allocated arrays into {@code state}, in index order. */
    void exportTo(Map<String, double[]> state) {
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] != null) {
                state.put(kind + "." + i, arrays[i].clone());
            }
        }
    }

    /** Replaces every array with copies of the entries of {@code state} that are of this kind. */
    void importFrom(Map<String, double[]> state) {
        double[][] imported = new double[0][];
        for (Map.Entry<String, double[]> e : state.entrySet()) {
            int index = indexOf(e.getKey());
            if (index >= 0) {
                if (index >= imported.length) {
                    imported = Arrays.copyOf(imported, index + 1);
                }
                imported[index] = e.getValue().clone();
            }
        }
        arrays = imported;
    }

    /** The index encoded in {@code key} if it is {@code <kind>.<index>}, otherwise -1. */
    private int indexOf(String key) {
        if (!key.startsWith(kind + ".")) {
            return -1;
        }
        String digits = key.substring(kind.length() + 1);
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    /**
     * Checks that every key of {@code state} is one of {@code scalars} or belongs to one of {@code kinds}, and that
     * every scalar is present with one value, before any optimizer state is replaced.
     */
    static void requireKnownKeys(String optimizer, Map<String, double[]> state, List<String> scalars,
            StateArrays... kinds) {
        for (String key : state.keySet()) {
            boolean known = scalars.contains(key);
            for (StateArrays k : kinds) {
                known |= k.indexOf(key) >= 0;
            }
            if (!known) {
                StringBuilder expected = new StringBuilder();
                for (String scalar : scalars) {
                    expected.append(scalar).append(", ");
                }
                for (StateArrays k : kinds) {
                    expected.append(k.kind).append(".<index>, ");
                }
                throw new IllegalArgumentException(optimizer + " state has an unknown entry '" + key + "'; expected "
                        + expected.substring(0, expected.length() - 2) + "; was the state saved from a different optimizer?");
            }
        }
        for (String scalar : scalars) {
            double[] value = state.get(scalar);
            if (value == null || value.length != 1) {
                throw new IllegalArgumentException(optimizer + " state needs '" + scalar + "' holding one value, got "
                        + (value == null ? "none" : value.length + " values"));
            }
        }
    }
}
