package dev.scratchnet.runtime.train;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;

/**
 * A {@link Well19937c} whose state can be read and restored as plain ints (its pool {@code v} and {@code index}),
 * so a checkpoint can hold it without Java serialisation. The trainer only calls {@code nextInt(n)}, which keeps no
 * state outside the pool and index.
 */
final class ResumableWell19937c extends Well19937c {
    private static final long serialVersionUID = 1L;

    ResumableWell19937c(long seed) {
        super(seed);
    }

    /** The pool followed by the index. */
    int[] getState() {
        int[] state = Arrays.copyOf(v, v.length + 1);
        state[v.length] = index;
        return state;
    }

    void setState(int[] state) {
        if (state.length != v.length + 1) {
            throw new IllegalArgumentException("random state must hold " + (v.length + 1) + " ints (Well19937c pool and index), got "
                    + state.length + "; was it saved by this trainer?");
        }
        int restoredIndex = state[v.length];
        if (restoredIndex < 0 || restoredIndex >= v.length) {
            throw new IllegalArgumentException("random state index must be in [0, " + v.length + "), got " + restoredIndex);
        }
        System.arraycopy(state, 0, v, 0, v.length);
        index = restoredIndex;
        // Drops any cached Gaussian, which the pool and index do not describe.
        clear();
    }
}
