package dev.scratchnet.samples.serve;

import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.train.Initializers;
import dev.scratchnet.samples.TwoLayerNetModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;

/** Servers for the tests, on the loopback address and a free port. */
final class Servers {
    private Servers() {}

    /** The book's network with its initial weights (seed 0), as {@code serve} starts without {@code --load}. */
    static WebServer untrained() {
        Model model = new TwoLayerNetModel();
        Initializers.initialize(model, InitMethod.BOOK, 0);
        return serving(model, ServedModel.State.UNTRAINED);
    }

    /** The book's trained network ({@link BookWeights}). */
    static WebServer trained() {
        return serving(BookWeights.trained(), ServedModel.State.LOADED);
    }

    private static WebServer serving(Model model, ServedModel.State state) {
        try {
            return WebServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    new ServedModel(model, state, state.name().toLowerCase(Locale.ROOT) + " for a test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
