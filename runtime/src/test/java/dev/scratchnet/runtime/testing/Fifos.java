package dev.scratchnet.runtime.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Named pipes, made by coreutils' mkfifo (Java has no API for one), for readers that must refuse them unopened. */
public final class Fifos {
    private Fifos() {}

    /** Makes a named pipe at {@code path} with {@code mkfifo} and returns the path. */
    public static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
        return path;
    }
}
