package dev.scratchnet.samples.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.io.Safetensors;
import dev.scratchnet.samples.Main;
import dev.scratchnet.samples.TwoLayerNetSigmoidModel;
import dev.scratchnet.samples.cli.InterruptibleMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code scratchnet serve} as a user meets it: its flags, its one-line failures, and Ctrl-C. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeCommandTest {
    /** What one run printed through picocli and returned. */
    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpDescribesEveryFlag() {
        Run help = run("serve", "--help");
        assertEquals(0, help.exitCode());
        for (String flag : new String[] {"--port", "--bind", "--load", "--activation"}) {
            assertTrue(help.out().contains(flag), help.out());
        }
    }

    @Test
    void badFlagsAreUsageErrorsNamingTheFlag(@TempDir Path dir) {
        Run port = run("serve", "--port", "70000");
        assertEquals(2, port.exitCode());
        assertTrue(port.err().contains("--port must be in [0, 65535], got 70000"), port.err());
    }

    /** A missing file is a run-time failure (exit 1) naming the flag, as in the other commands. */
    @Test
    void aMissingWeightsFileFailsNamingTheFlag(@TempDir Path dir) {
        Path missing = dir.resolve("missing.safetensors");
        Run load = run("serve", "--load", missing.toString());
        assertEquals(1, load.exitCode());
        assertTrue(load.err().contains("--load " + missing + ": cannot read: no such file"), load.err());
    }

    @Test
    void weightsTrainedWithTheOtherActivationAreRefused(@TempDir Path dir) {
        Path sigmoid = dir.resolve("sigmoid.safetensors");
        Safetensors.save(sigmoid, new TwoLayerNetSigmoidModel().getParameters(),
                Map.of("network", "TwoLayerNetSigmoidModel 784-50-10 (sigmoid)"));
        Run run = run("serve", "--load", sigmoid.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--load " + sigmoid + " holds TwoLayerNetSigmoidModel 784-50-10 (sigmoid); "
                + "serve it with --activation sigmoid"), run.err());
    }

    @Test
    void runTimeFailuresAreOneLineWithoutStackTrace(@TempDir Path dir) throws IOException {
        Path notWeights = Files.writeString(dir.resolve("notes.safetensors"), "not a safetensors file");
        Run load = run("serve", "--port", "0", "--load", notWeights.toString());
        assertEquals(1, load.exitCode());
        assertTrue(load.err().startsWith("scratchnet serve: ") && load.err().contains(notWeights.toString()), load.err());
        assertFalse(load.err().contains("\tat "), load.err());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run busy = run("serve", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(1, busy.exitCode());
            assertTrue(busy.err().startsWith("scratchnet serve: cannot listen on 127.0.0.1 port " + taken.getLocalPort() + ": "),
                    busy.err());
            assertFalse(busy.err().contains("\tat "), busy.err());
        }
    }

    @Test
    void ctrlCStopsTheTrainingRunAndTheServer(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("err.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                InterruptibleMain.class.getName(), "serve", "--port", "0")
                .redirectError(err.toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("scratchnet serve: open http://127.0.0.1:"), first);
            URI uri = URI.create(first.substring(first.indexOf("http://"), first.indexOf(" in a browser")));
            Http http = new Http(uri);
            assertEquals(200, http.get("").status());
            assertEquals(202, http.post("api/train", "{\"iterations\": 100000}").status());
            http.events("api/events", "loss");

            // bash's built-in kill: no dependency on a kill binary being installed
            assertEquals(0, new ProcessBuilder("bash", "-c", "kill -INT " + child.pid()).start().waitFor());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the app did not exit within 60 s of SIGINT");
            assertEquals(130, child.exitValue());
            assertEquals("scratchnet serve: stopped", out.lines().collect(Collectors.joining("\n")));
            assertFalse(Files.readString(err).contains("Exception"), Files.readString(err));
            assertThrows(IOException.class, () -> new Socket(uri.getHost(), uri.getPort()).close(), "the port is released");
        } finally {
            child.destroyForcibly();
        }
    }
}
