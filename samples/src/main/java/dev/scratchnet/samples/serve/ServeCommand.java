package dev.scratchnet.samples.serve;

import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.io.Checkpoints;
import dev.scratchnet.runtime.train.Initializers;
import dev.scratchnet.samples.SampleNetworks;
import dev.scratchnet.samples.cli.FileFlags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the web page where a learner draws a digit and sees the network's answer, and trains the network and
 * watches its loss and accuracy. It listens on the loopback address unless {@code --bind} says otherwise, prints the
 * address to open, and runs until Ctrl-C, which stops a training run in progress and the server.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Serve a web page to draw a digit and see what the network thinks, and to train it and watch it learn.",
            "Everything the page needs is served by the app; it reaches no other address. Ctrl-C stops the server."
        })
public final class ServeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every network).")
    InetAddress bind;

    @Option(names = "--load", paramLabel = "FILE",
            description = "Serve weights saved by mnist --save (784-50-10) instead of the untrained network.")
    @Nullable Path load;

    @Option(names = "--activation", defaultValue = "relu",
            description = "Hidden activation of the served network: relu or sigmoid (default: ${DEFAULT-VALUE}); "
                    + "give the one the --load weights were trained with.")
    SampleNetworks.Hidden activation;

    @Override
    public void run() {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be in [0, 65535], got " + port);
        }
        if (load != null) {
            FileFlags.requireInput("--load", load);
        }
        Model model = SampleNetworks.twoLayerNet(SampleNetworks.Kind.GENERATED, activation, SampleNetworks.GENERATED_HIDDEN);
        ServedModel served;
        if (load == null) {
            Initializers.initialize(model, InitMethod.BOOK, 0);
            served = new ServedModel(model, ServedModel.State.UNTRAINED,
                    "untrained: the book's initial weights, 0.01 × N(0, 1), seed 0");
        } else {
            requireActivationOf(Checkpoints.loadWeights(load, model.getParameters()));
            served = new ServedModel(model, ServedModel.State.LOADED, "weights loaded from " + load.getFileName());
        }
        WebServer server;
        try {
            server = WebServer.start(new InetSocketAddress(bind, port), served);
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(Locale.ROOT, "cannot listen on %s port %d: %s",
                    bind.getHostAddress(), port, e.getMessage()), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("scratchnet serve: stopped");
        }, "scratchnet-serve-stop"));
        System.out.println("scratchnet serve: open " + server.getUri() + " in a browser (Ctrl-C stops the server)");
        System.out.flush();
        try {
            server.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Refuses weights whose file says they were trained with the other hidden activation: their shapes fit either
     * network, so they would load and then answer nonsense. {@code mnist --save} names the network in the metadata,
     * e.g. {@code TwoLayerNetModel 784-50-10 (sigmoid)}.
     */
    private void requireActivationOf(Map<String, String> metadata) {
        String network = metadata.getOrDefault("network", "");
        for (SampleNetworks.Hidden other : SampleNetworks.Hidden.values()) {
            String name = other.name().toLowerCase(Locale.ROOT);
            if (other != activation && network.endsWith("(" + name + ")")) {
                throw new ParameterException(spec.commandLine(), "--load " + load + " holds " + network
                        + "; serve it with --activation " + name);
            }
        }
    }
}
