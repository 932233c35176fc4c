package dev.scratchnet.samples.cli;

import dev.scratchnet.samples.Main;
import sun.misc.Signal;

/**
 * Child process of {@link CtrlCTest}: the app, with SIGINT handled as the JVM's own default handler does
 * (start the shutdown sequence with exit status 130). Installing it explicitly makes the test independent of
 * how the test JVM was started: a JVM launched from a non-interactive shell inherits SIGINT as ignored.
 */
public final class InterruptibleMain {
    private InterruptibleMain() {}

    public static void main(String[] args) {
        Signal.handle(new Signal("INT"), signal -> new Thread(() -> System.exit(130), "sigint").start());
        Main.main(args);
    }
}
