package dev.scratchnet.runtime;

import dev.scratchnet.runtime.data.Mnist;
import dev.scratchnet.runtime.io.InsufficientMemoryException;
import dev.scratchnet.runtime.io.Safetensors;
import java.nio.file.Path;

/**
 * Child process of {@link SmallHeapTest}: loads {@code mnist DIR} or {@code safetensors FILE} in a JVM started
 * with a small {@code -Xmx}; prints a refusal's message and exits with {@value #REFUSED}, exits with 0 if the
 * load succeeds. Anything else, an {@link OutOfMemoryError} included, ends the JVM as usual (status 1).
 */
public final class SmallHeapMain {
    static final int REFUSED = 3;

    private SmallHeapMain() {}

    public static void main(String[] args) {
        try {
            if (args[0].equals("mnist")) {
                Mnist.fromDirectory(Path.of(args[1])).load();
            } else {
                Safetensors.load(Path.of(args[1]));
            }
        } catch (InsufficientMemoryException e) {
            System.out.println(e.getMessage());
            System.exit(REFUSED);
        }
    }
}
