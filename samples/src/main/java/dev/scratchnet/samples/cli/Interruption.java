package dev.scratchnet.samples.cli;

import dev.scratchnet.runtime.train.Trainer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) during a training run that can save a checkpoint. The first Ctrl-C asks the trainer to stop
 * after the iteration in progress, which may take minutes (a numerical gradient of a wide network), and says so at
 * once, with how to force it; the command then saves the checkpoint and exits with 130. A second Ctrl-C ends the
 * JVM at once with 130, saving nothing new.
 *
 * <p>This takes SIGINT from the JVM while the run lasts ({@code sun.misc.Signal}, the supported way in
 * {@code jdk.unsupported}): a shutdown hook cannot do it, because once the JVM shuts down it ignores a second
 * Ctrl-C, and the hook can only wait for the iteration to end or give up on the checkpoint.
 */
class Interruption implements AutoCloseable {
    /** No handling: Ctrl-C ends the JVM as usual. */
    static final Interruption NONE = new Interruption();

    private static final Signal SIGINT = new Signal("INT");

    private Interruption() {}

    /**
     * Handles Ctrl-C for {@code trainer}, whose checkpoint goes to {@code checkpoint}, until {@link #close()};
     * {@link #NONE} where the JVM does not let the application handle SIGINT ({@code -Xrs}).
     */
    static Interruption onCtrlC(Trainer trainer, Path checkpoint, PrintStream err) {
        Handled handled = new Handled(trainer, checkpoint, err);
        try {
            handled.previous = Signal.handle(SIGINT, handled);
        } catch (IllegalArgumentException e) {
            return NONE;
        }
        return handled;
    }

    @Override
    public void close() {}

    private static final class Handled extends Interruption implements SignalHandler {
        private final Trainer trainer;
        private final Path checkpoint;
        private final PrintStream err;
        private final AtomicInteger signals = new AtomicInteger();
        private SignalHandler previous = SignalHandler.SIG_DFL;

        Handled(Trainer trainer, Path checkpoint, PrintStream err) {
            this.trainer = trainer;
            this.checkpoint = checkpoint;
            this.err = err;
        }

        @Override
        public void handle(Signal signal) {
            if (signals.incrementAndGet() == 1) {
                trainer.requestStop();
                err.printf("%nCtrl-C: stopping after the iteration in progress (%d), then saving a checkpoint to %s; "
                        + "press Ctrl-C again to stop at once without it%n", trainer.getIteration(), checkpoint);
            } else {
                err.printf("%nCtrl-C again: stopped at once in iteration %d; no checkpoint saved%n", trainer.getIteration());
                System.exit(130);
            }
            err.flush();
        }

        @Override
        public void close() {
            Signal.handle(SIGINT, previous);
        }
    }
}
