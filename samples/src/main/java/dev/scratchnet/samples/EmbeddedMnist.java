package dev.scratchnet.samples;

import dev.scratchnet.runtime.data.Mnist;
import dev.scratchnet.runtime.data.MnistData;
import org.jspecify.annotations.Nullable;

/**
 * The MNIST database shipped in this jar (resources {@code dev/scratchnet/samples/mnist/}, gzipped IDX files checked
 * against their {@code SHA256SUMS}), with pixels normalised into {@code [0, 1]}.
 */
public final class EmbeddedMnist {
    /** Where the files lie, relative to this class's package. */
    static final String RESOURCE_DIR = "mnist";

    private static volatile @Nullable MnistData cached;

    private EmbeddedMnist() {
    }

    /**
     * The embedded MNIST, loaded on the first call (about 430 MB of doubles) and shared by every later call and
     * thread. The datasets' arrays are live: callers must not modify them.
     */
    public static MnistData load() {
        MnistData data = cached;
        if (data == null) {
            synchronized (EmbeddedMnist.class) {
                data = cached;
                if (data == null) {
                    data = Mnist.fromClasspath(EmbeddedMnist.class, RESOURCE_DIR).load();
                    cached = data;
                }
            }
        }
        return data;
    }
}
