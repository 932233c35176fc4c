package dev.scratchnet.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scratchnet.runtime.data.Mnist;
import dev.scratchnet.runtime.io.Safetensors;
import dev.scratchnet.spark.Blobs;
import dev.scratchnet.spark.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The sweep command as a user meets it: the table, the JSON, exit codes and one-line errors. The command runs on the
 * context this class starts, as it runs on any context already running in its JVM, and leaves it running.
 */
class SweepCommandTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        sc = LocalSpark.start("SweepCommandTest");
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter cliErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cli = SweepCommand.commandLine();
            cli.setErr(new PrintWriter(cliErr, true));
            int code = cli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + cliErr);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void jsonHoldsOneResultPerConfigurationAndTheTableGoesToStderr() throws IOException {
        Blobs.writeIdx(dir, 300, 90);
        Path weights = dir.resolve("best.safetensors");

        Run run = run("--master", "local[2]", "--data", dir.toString(), "--broadcast", "--hidden", "4,8", "--learning-rate", "0.05,0.5",
                "--batch-size", "30", "--iterations", "50", "--seeds", "1", "--json", "--save", weights.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertFalse(sc.sc().isStopped());
        assertTrue(run.err().startsWith("sweep of 4 configurations on local[2], data: broadcast of 300 training and 90 test rows\n"),
                run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonArray results = json.getAsJsonArray("results");
        assertEquals(4, results.size());
        JsonObject last = results.get(3).getAsJsonObject();
        assertEquals(8, last.get("hidden").getAsInt());
        assertEquals(0.5, last.get("learning_rate").getAsDouble());
        assertEquals("relu", last.get("activation").getAsString());
        assertTrue(last.get("test_accuracy").getAsDouble() > 0.5, last.toString());
        assertTrue(run.err().contains("every configuration: activation relu, init book, optimizer sgd, batch-size 30, "
                + "iterations 50, weight-decay 0.0, gradient backprop, seed 1\n#  hidden  learning-rate  final loss  train acc"), run.err());
        int best = json.get("best").getAsInt();
        assertTrue(run.err().contains("best: #" + best + " (hidden="), run.err());
        assertEquals(results.get(best).getAsJsonObject().get("hidden").getAsInt() * Blobs.FEATURES,
                Safetensors.load(weights).getTensors().get("W1").getSize());
    }

    @Test
    void taskFailureIsOneLineNamingTheFileAndExitCodeOne() throws IOException {
        Blobs.writeIdx(dir, 300, 90);
        Files.writeString(dir.resolve(Mnist.CHECKSUMS), "0".repeat(64) + "  " + Mnist.TRAIN_IMAGES + "\n");

        Run run = run("--master", "local[2]", "--data", dir.toString(), "--iterations", "5", "--batch-size", "10");

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("sweep: " + dir.resolve(Mnist.TRAIN_IMAGES) + ": SHA-256 is "), run.err());
        assertTrue(run.err().contains("(run with --verbose for the stack trace)"), run.err());
    }

    @Test
    void badValuesAreUsageErrorsNamingTheFlagBeforeAnyJob() throws IOException {
        Blobs.writeIdx(dir, 300, 90);
        String data = dir.toString();
        String[][] cases = {
            {"--optimizer", "sgd,nesterov", "--data", data},
            {"--learning-rate", "0.1,-1", "--data", data},
            {"--hidden", "50,50", "--data", data},
            {"--batch-size", "500", "--data", data},
            {"--data", dir.resolve("missing").toString()},
            {"--iterations", "5"},
        };
        String[] expected = {
            "Invalid value for option '--optimizer' (NAME): expected one of [SGD, MOMENTUM, ADAGRAD, ADAM] (case-insensitive) "
                    + "but was 'nesterov'",
            "--learning-rate must be finite and > 0, got -1.0",
            "--hidden: 50 is given twice; each configuration would be trained twice",
            "--batch-size: configuration 0 (",
            "--data " + dir.resolve("missing") + ": not a readable directory on the driver",
            "--data DIR is required: the embedded MNIST (dev/scratchnet/samples/mnist on the class path, in the samples jar) "
                    + "is not here",
        };
        int jobsBefore = sc.statusTracker().getJobIdsForGroup(null).length;
        for (int i = 0; i < cases.length; i++) {
            Run run = run(cases[i]);

            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().startsWith("sweep: " + expected[i]), run.err());
        }
        assertEquals(jobsBefore, sc.statusTracker().getJobIdsForGroup(null).length);
    }
}
