package dev.scratchnet.runtime.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One extra daemon thread that runs the second half of a split kernel, so that a kernel can use two cores
 * without a thread pool's queue or any allocation per call.
 *
 * <p>The caller {@linkplain #tryAcquire acquires} the helper, {@linkplain #offer offers} it a {@link Half},
 * runs its own half, then {@linkplain #finish finishes}: if the helper has
 * not claimed the other half by then (it may be descheduled on a busy machine), the caller runs it itself,
 * so it never waits for a thread that is not running. Which thread runs a half does not change any result:
 * halves write disjoint outputs, each computed in the same order as the single-threaded kernel.
 *
 * <p>After a task the helper spins briefly (the next kernel call of a training step comes within
 * microseconds) and then parks until the next one. Only one caller at a time uses the helper; others get
 * {@code false} from {@link #tryAcquire} and run single-threaded.
 */
final class SecondCore {
    /** The work of the other half. */
    @FunctionalInterface
    interface Half {
        void run();
    }

    private static final int IDLE = 0;
    private static final int OFFERED = 1;
    private static final int CLAIMED = 2;
    private static final int DONE = 3;
    /** Polling time before parking: longer than the gap between the kernels of one training step. */
    private static final long SPIN_NANOS = 200_000;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final AtomicInteger owner = new AtomicInteger();
    private final Thread helper;
    private volatile Half half;
    private volatile boolean parked;
    private volatile Throwable failure;

    SecondCore() {
        helper = new Thread(this::serve, "scratchnet-kernels");
        helper.setDaemon(true);
        helper.start();
    }

    /** Takes the helper for the calling thread, or returns false when another caller is using it. */
    boolean tryAcquire() {
        return owner.compareAndSet(0, 1);
    }

    /** Hands {@code other} to the helper; the caller must have {@linkplain #tryAcquire acquired} it. */
    void offer(Half other) {
        half = other;
        state.set(OFFERED);
        if (parked) {
            LockSupport.unpark(helper);
        }
    }

    /**
     * Waits for the offered half, running it here if the helper has not claimed it yet, and releases the
     * helper. What the half threw on the helper is rethrown here, so a bad argument fails the caller's call.
     */
    void finish() {
        try {
            if (state.compareAndSet(OFFERED, CLAIMED)) {
                half.run();
            } else {
                while (state.get() != DONE) {
                    Thread.onSpinWait();
                }
                Throwable thrown = failure;
                if (thrown != null) {
                    failure = null;
                    if (thrown instanceof RuntimeException e) {
                        throw e;
                    }
                    throw (Error) thrown;
                }
            }
        } finally {
            state.set(IDLE);
            owner.set(0);
        }
    }

    private void serve() {
        while (true) {
            long since = System.nanoTime();
            while (state.get() != OFFERED) {
                if (System.nanoTime() - since < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (state.get() != OFFERED) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    since = System.nanoTime();
                }
            }
            if (state.compareAndSet(OFFERED, CLAIMED)) {
                try {
                    half.run();
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    state.set(DONE);
                }
            }
        }
    }
}
