package dev.scratchnet.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scratchnet.runtime.io.Safetensors;
import dev.scratchnet.runtime.io.Tensor;
import dev.scratchnet.samples.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command-line app as a user meets it: output, exit codes and one-line errors. */
class CliTest {
    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter cliErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(cliErr, true));
            int code = cli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + cliErr);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void gatesPrintTheBookTruthTables() {
        Run run = run("gates");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("XOR (NAND, OR -> AND)\n  x1 x2 | y\n   0  0 | 0\n   0  1 | 1\n   1  0 | 1\n   1  1 | 0"),
                run.out());
    }

    @Test
    void unknownFlagIsAUsageErrorWithoutStackTrace() {
        Run run = run("mnist", "--learning-rat", "0.1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unknown options: '--learning-rat'"), run.err());
        assertTrue(run.err().contains("Possible solutions: --learning-rate"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void outOfRangeValuesNameTheFlag() {
        Run rate = run("mnist", "--learning-rate", "-1", "--iterations", "1");
        assertEquals(2, rate.exitCode());
        assertTrue(rate.err().contains("--learning-rate must be finite and > 0, got -1.0"), rate.err());
        Run batch = run("mnist", "--batch-size", "0", "--iterations", "1");
        assertEquals(2, batch.exitCode());
        assertTrue(batch.err().contains("--batch-size"), batch.err());
        Run hidden = run("mnist", "--hidden", "100", "--iterations", "1");
        assertEquals(2, hidden.exitCode());
        assertTrue(hidden.err().contains("use --network dsl"), hidden.err());
        Run steps = run("descent", "--steps", "0");
        assertEquals(2, steps.exitCode());
        assertTrue(steps.err().contains("--steps must be at least 1, got 0"), steps.err());
    }

    @Test
    void missingDataDirectoryIsARuntimeErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        Run run = run("mnist", "--data", missing.toString(), "--iterations", "1");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(missing.toString()), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void missingWeightsFileIsAUsageErrorNamingIt(@TempDir Path dir) {
        Run run = run("mnist", "--load", dir.resolve("w.safetensors").toString(), "--iterations", "1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--load " + dir.resolve("w.safetensors") + ": no such readable file"), run.err());
    }

    @Test
    void jsonPrintsExactlyOneObjectOnStdout(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("w.safetensors");
        Path plot = dir.resolve("training.png");
        Path wrong = dir.resolve("wrong.png");
        Run run = run("mnist", "--iterations", "20", "--json", "--save", weights.toString(), "--plot", plot.toString(),
                "--misclassified", wrong.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(20, json.get("iterations").getAsInt());
        assertTrue(json.get("test_accuracy").getAsDouble() > 0.2, "better than chance: " + run.out());
        assertTrue(json.has("train_accuracy") && json.has("seconds") && json.has("final_loss"), run.out());
        assertEquals(1, run.out().strip().lines().count(), run.out());
        assertTrue(Files.size(weights) > 39_760 * 8);
        assertTrue(Files.size(plot) > 0 && Files.size(wrong) > 0);

        Run resumed = run("mnist", "--iterations", "1", "--learning-rate", "1e-300", "--json", "--load", weights.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        double before = json.get("test_accuracy").getAsDouble();
        double after = JsonParser.parseString(resumed.out()).getAsJsonObject().get("test_accuracy").getAsDouble();
        assertEquals(before, after, 0.0, "loaded weights, barely trained, classify the test set as saved");
    }

    @Test
    void resumedRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path dir) {
        Path checkpoint = dir.resolve("half.safetensors");
        Path resumed = dir.resolve("resumed.safetensors");
        Path straight = dir.resolve("straight.safetensors");
        assertEquals(0, run("mnist", "--iterations", "30", "--optimizer", "adam", "--learning-rate", "0.001", "--seed", "4",
                "--save", checkpoint.toString(), "--checkpoint-every", "30", "--json").exitCode());
        Run second = run("mnist", "--iterations", "60", "--optimizer", "adam", "--learning-rate", "0.001", "--seed", "4",
                "--resume", checkpoint.toString(), "--save", resumed.toString(), "--json");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.err().contains("resuming " + checkpoint + " at iteration 30"), second.err());
        assertEquals(0, run("mnist", "--iterations", "60", "--optimizer", "adam", "--learning-rate", "0.001", "--seed", "4",
                "--save", straight.toString(), "--json").exitCode());
        Map<String, Tensor> a = Safetensors.load(resumed).getTensors();
        Map<String, Tensor> b = Safetensors.load(straight).getTensors();
        assertEquals(b.keySet(), a.keySet());
        for (String name : b.keySet()) {
            assertArrayEquals(b.get(name).getData(), a.get(name).getData(), 0.0, name);
        }
    }

    @Test
    void benchJsonHasEveryFigure() {
        Run run = run("bench", "--iterations", "20", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        for (String key : new String[] {"backprop_seconds", "backprop_book_loop_seconds", "backprop_seconds_sigmoid",
                "backprop_book_loop_seconds_sigmoid", "numerical_gradient_seconds", "inference_images_per_second",
                "gflops", "peak_gflops", "test_accuracy", "test_accuracy_sigmoid"}) {
            assertTrue(json.has(key) && json.get(key).getAsDouble() > 0, key + " in " + run.out());
        }
        assertEquals(1, run.out().strip().lines().count(), run.out());
    }

    @Test
    void checkpointEveryWithoutSaveIsAUsageError() {
        Run run = run("mnist", "--checkpoint-every", "10");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--checkpoint-every needs --save FILE"), run.err());
    }

    @Test
    void gradcheckJsonHasOneDifferencePerParameterBelowOneMillionth() {
        Run run = run("gradcheck", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        for (String name : new String[] {"W1", "b1", "W2", "b2"}) {
            assertTrue(json.get(name).getAsDouble() <= 1e-6, run.out());
        }
    }

    @Test
    void benchRefusesAShapeWithoutAGeneratedModelAndAMismatchedActivationList() {
        Run shape = run("bench", "--hidden", "7");
        assertEquals(2, shape.exitCode());
        assertTrue(shape.err().contains("there is no generated model of 784-7-10 (relu)") && shape.err().contains(
                "use --network dsl"), shape.err());
        Run activations = run("bench", "--hidden", "100,50,30", "--activation", "relu,tanh");
        assertEquals(2, activations.exitCode());
        assertTrue(activations.err().contains("--activation takes one activation, or one per hidden layer (3), got 2"),
                activations.err());
    }
}
