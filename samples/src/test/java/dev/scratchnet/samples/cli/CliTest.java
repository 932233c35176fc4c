package dev.scratchnet.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scratchnet.runtime.io.Safetensors;
import dev.scratchnet.runtime.io.Tensor;
import dev.scratchnet.samples.Main;
import dev.scratchnet.samples.TwoLayerNetModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    void missingWeightsFileIsARuntimeErrorNamingIt(@TempDir Path dir) {
        Run run = run("mnist", "--load", dir.resolve("w.safetensors").toString(), "--iterations", "1");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--load " + dir.resolve("w.safetensors") + ": cannot read: no such file"), run.err());
    }

    @Test
    void inputsThatAreNotRegularFilesAreNamedForWhatTheyAreWithoutWaitingOnAPipe(@TempDir Path dir) throws Exception {
        Path pipe = dir.resolve("pipe.safetensors");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        Path dangling = Files.createSymbolicLink(dir.resolve("link.safetensors"), dir.resolve("gone.safetensors"));

        Run fifo = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("mnist", "--load", pipe.toString()));
        Run directory = run("mnist", "--resume", dir.toString());
        Run link = run("mnist", "--load", dangling.toString());

        assertEquals(1, fifo.exitCode());
        assertTrue(fifo.err().contains("--load " + pipe + ": cannot read: it is a named pipe (FIFO), not a regular file"), fifo.err());
        assertEquals(1, directory.exitCode());
        assertTrue(directory.err().contains("--resume " + dir + ": cannot read: it is a directory, not a regular file"),
                directory.err());
        assertEquals(1, link.exitCode());
        assertTrue(link.err().contains("--load " + dangling + ": cannot read: it is a symbolic link to '" + dir.resolve("gone.safetensors")
                + "', which does not exist"), link.err());
    }

    @Test
    void everyFlagIsCheckedBeforeItIsUsed() {
        Run batch = run("mnist", "--epochs", "1", "--batch-size", "0");
        assertEquals(2, batch.exitCode());
        assertTrue(batch.err().contains("--batch-size must be at least 1, got 0"), batch.err());
        Run epochs = run("mnist", "--epochs", "4000000");
        assertEquals(2, epochs.exitCode());
        assertTrue(epochs.err().contains("--epochs must be at most 3579139 (with --batch-size 100, an epoch is 600 iterations, "
                + "and a run at most 2147483647), got 4000000"), epochs.err());
        Run hidden = run("mnist", "--network", "dsl", "--hidden", "3000000");
        assertEquals(2, hidden.exitCode());
        assertTrue(hidden.err().contains("--hidden must be at most 2147483 (with --batch-size 100, 1000 × hidden values must fit in "
                + "a Java array), got 3000000"), hidden.err());
        Run wideBatch = run("mnist", "--batch-size", "3000000");
        assertEquals(2, wideBatch.exitCode());
        assertTrue(wideBatch.err().contains("--batch-size must be at most 2739137"), wideBatch.err());
        for (Run run : new Run[] {batch, epochs, hidden, wideBatch}) {
            assertFalse(run.err().contains("\tat ") || run.out().contains("iteration"), run.err() + run.out());
        }
    }

    @Test
    void outputPathsThatCannotBeWrittenFailBeforeTraining(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "a file, not a directory");
        Run root = run("mnist", "--save", "/");
        Run directory = run("mnist", "--save", dir.toString());
        Run underAFile = run("mnist", "--plot", file.resolve("training.png").toString());
        Run tooLong = run("mnist", "--misclassified", dir.resolve("x".repeat(256) + ".png").toString());

        assertEquals(1, root.exitCode());
        assertTrue(root.err().contains("--save /: names no file; give a file name, such as /out.safetensors"), root.err());
        assertEquals(1, directory.exitCode());
        assertTrue(directory.err().contains("--save " + dir + ": it is a directory, not a regular file"), directory.err());
        assertEquals(1, underAFile.exitCode());
        assertTrue(underAFile.err().contains("--plot " + file.resolve("training.png") + ": cannot be written: " + file
                + " exists and is not a directory"), underAFile.err());
        assertEquals(1, tooLong.exitCode());
        assertTrue(tooLong.err().contains(": cannot be written: File name too long"), tooLong.err());
        for (Run run : new Run[] {root, directory, underAFile, tooLong}) {
            assertFalse(run.out().contains("iteration") || run.err().contains("\tat "), run.out() + run.err());
        }
    }

    @Test
    void anOutputThatWouldOverwriteAnotherFileGivenIsAUsageError(@TempDir Path dir) {
        Path file = dir.resolve("w.safetensors");
        Run sameAsSave = run("mnist", "--save", file.toString(), "--plot", file.toString());
        Run sameAsLoad = run("mnist", "--load", file.toString(), "--misclassified", file.toString());

        assertEquals(2, sameAsSave.exitCode());
        assertTrue(sameAsSave.err().contains("--plot " + file + " is also the file of --save, which it would overwrite; give each its "
                + "own file"), sameAsSave.err());
        assertEquals(2, sameAsLoad.exitCode());
        assertTrue(sameAsLoad.err().contains("--misclassified " + file + " is also the file of --load"), sameAsLoad.err());
    }

    @Test
    void weightsAreSavedBeforeThePicturesInDirectoriesCreatedForThem(@TempDir Path dir) {
        Path weights = dir.resolve("new/w.safetensors");
        Path plot = dir.resolve("plots/training.png");
        Path wrong = dir.resolve("plots/wrong.png");

        Run run = run("mnist", "--iterations", "5", "--save", weights.toString(), "--plot", plot.toString(), "--misclassified",
                wrong.toString());

        assertEquals(0, run.exitCode(), run.err());
        int saved = run.out().indexOf("weights saved to " + weights);
        int plotted = run.out().indexOf("plot written to " + plot);
        int drawn = run.out().indexOf("misclassified test digits drawn to " + wrong);
        assertTrue(saved >= 0 && saved < plotted && plotted < drawn, run.out());
        assertTrue(Files.isRegularFile(weights) && Files.isRegularFile(plot) && Files.isRegularFile(wrong));
    }

    @Test
    void aLossThatGrowsFarBeyondItsStartStopsTheRunNamingTheFlag() {
        Run run = run("mnist", "--learning-rate", "1000", "--iterations", "200");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("scratchnet mnist: training diverged at iteration 49: the mean loss of the last 50 iterations "
                + "is 14.33, more than 3 times the loss at the start, 2.301 (on 1000 training rows); lower --learning-rate (now 1000.0)"),
                run.err());
        assertFalse(run.out().contains("train accuracy"), run.out());
    }

    @Test
    void weightsThatAreNotFiniteAreAProblemWithTheFile(@TempDir Path dir) {
        TwoLayerNetModel model = new TwoLayerNetModel();
        model.getParameter("W1").getValues()[3] = Double.NaN;
        Path weights = dir.resolve("nan.safetensors");
        Safetensors.save(weights, model.getParameters(), Map.of());

        Run run = run("mnist", "--load", weights.toString(), "--iterations", "1");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(weights + ": tensor 'W1' holds NaN at index 3; weights must be finite: the file is damaged or was "
                + "saved from a run that diverged; nothing was loaded"), run.err());
        assertFalse(run.err().contains("learning"), run.err());
    }

    @Test
    void resumingUnderAnotherNetworkOrOptimizerOrWithNothingLeftToDoIsAUsageError(@TempDir Path dir) {
        Path checkpoint = dir.resolve("c.safetensors");
        assertEquals(0, run("mnist", "--iterations", "10", "--save", checkpoint.toString(), "--checkpoint-every", "10").exitCode());

        Run other = run("mnist", "--iterations", "20", "--resume", checkpoint.toString(), "--activation", "sigmoid", "--optimizer",
                "momentum");
        Run done = run("mnist", "--iterations", "10", "--resume", checkpoint.toString());

        assertEquals(2, other.exitCode());
        assertTrue(other.err().contains("--resume " + checkpoint + " was saved by a run with --activation relu --optimizer sgd, this run "
                + "has --activation sigmoid --optimizer momentum; resume with the flags it was saved with"), other.err());
        assertEquals(2, done.exitCode());
        assertTrue(done.err().contains("--iterations 10: the checkpoint " + checkpoint + " has done 10 already; give more to continue it"),
                done.err());
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
        JsonObject json = JsonParser.parseString(second.out()).getAsJsonObject();
        assertEquals(30, json.get("iterations_per_second").getAsDouble() * json.get("seconds").getAsDouble(), 1e-9,
                "the speed counts the 30 iterations this run made, not the 60 of the whole run");
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
    void benchTimesTheNumericalGradientOfADslNetworkToo() {
        Run run = run("bench", "--network", "dsl", "--hidden", "20,10", "--activation", "relu,tanh", "--iterations", "20",
                "--skip-book-loop", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals("dsl", json.get("network").getAsString());
        assertTrue(json.get("numerical_gradient_seconds").getAsDouble() > 0, run.out());
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
