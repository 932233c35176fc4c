package dev.scratchnet.samples.cli;

import dev.scratchnet.runtime.train.Trainer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during training: the JVM runs its shutdown hooks while the training thread goes on, so the hook asks
 * the trainer to stop after the iteration in progress and waits (up to a minute) until the command has saved
 * a checkpoint of that consistent state and called {@link #saved()}.
 */
class Interruption implements AutoCloseable {
    static final Interruption NONE = new Interruption();

    private Interruption() {}

    /** Installs the hook for {@code trainer}; {@link #close()} removes it when training ends normally. */
    static Interruption onCtrlC(Trainer trainer) {
        return new Hooked(trainer);
    }

    /** The checkpoint is written: the JVM may exit. */
    void saved() {}

    @Override
    public void close() {}

    private static final class Hooked extends Interruption {
        private final CountDownLatch saved = new CountDownLatch(1);
        private final Thread hook;

        Hooked(Trainer trainer) {
            hook = new Thread(() -> {
                trainer.requestStop();
                try {
                    saved.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "scratchnet-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        void saved() {
            saved.countDown();
        }

        @Override
        public void close() {
            saved.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook is running and must stay
            }
        }
    }
}
