package dev.scratchnet.samples.cli;

import static dev.scratchnet.samples.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} and {@code predict} on the Palmer penguins (CC0, in the test resources): the species from four
 * measurements, and the body mass from the other three, each against the baseline it must beat.
 */
class TrainCommandTest {
    private static Path penguins() {
        try {
            return Path.of(TrainCommandTest.class.getResource("/dev/scratchnet/samples/csv/penguins.csv").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject json(CliTest.Run run) {
        assertEquals(0, run.exitCode(), run.err());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    @Test
    void theSpeciesAreLearnedFarBeyondTheMajorityClass() {
        JsonObject o = json(run("train", "--csv", penguins().toString(), "--label", "species", "--standardize",
                "--json"));
        assertTrue(o.get("test_accuracy").getAsDouble() > 0.95, o.toString());
        assertTrue(o.get("baseline_accuracy").getAsDouble() < 0.5, o.toString());
        assertEquals(100, o.get("epochs_run").getAsInt());
        assertTrue(o.has("train_loss") && o.has("test_loss"), o.toString());
    }

    @Test
    void theBodyMassIsPredictedBetterThanByALeastSquaresPlaneAndSavedForPredict(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("mass.safetensors");
        Path history = dir.resolve("history.csv");
        JsonObject o = json(run("train", "--csv", penguins().toString(), "--target", "body_mass_g", "--features",
                "bill_length_mm,bill_depth_mm,flipper_length_mm", "--standardize", "--save", model.toString(),
                "--history", history.toString(), "--json"));
        double r2 = o.get("test_r2").getAsDouble();
        assertTrue(r2 > o.get("baseline_least_squares_r2").getAsDouble() && r2 > 0.65, o.toString());
        assertTrue(o.get("test_mse").getAsDouble() < o.get("baseline_mean_mse").getAsDouble(), o.toString());
        List<String> lines = Files.readAllLines(history);
        assertEquals("iteration,epoch,train_loss,test_loss,train_accuracy,test_accuracy", lines.get(0));
        assertEquals(1 + 100, lines.size(), "one line per epoch");

        Path rows = dir.resolve("new.csv");
        Files.writeString(rows, "flipper_length_mm,bill_length_mm,bill_depth_mm,note\n181,39.1,18.7,7\n230,50,15,8\n");
        CliTest.Run predicted = run("predict", "--load", model.toString(), "--csv", rows.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        String[] out = predicted.out().split("\n");
        assertEquals("row,body_mass_g", out[0]);
        double small = Double.parseDouble(out[1].split(",")[1]);
        double large = Double.parseDouble(out[2].split(",")[1]);
        // In grams, from raw measurements: a small Adelie weighs about 3.5 kg, a large Gentoo about 5.5 kg.
        assertTrue(small > 3000 && small < 4200 && large > 4800 && large < 6500, predicted.out());
    }

    @Test
    void earlyStoppingEndsARunWhoseHeldOutLossStopsImproving() {
        JsonObject o = json(run("train", "--csv", penguins().toString(), "--label", "species", "--standardize",
                "--learning-rate", "0.05", "--epochs", "300", "--early-stopping", "5", "--json"));
        assertTrue(o.get("epochs_run").getAsInt() < 300, o.toString());
        CliTest.Run human = run("train", "--csv", penguins().toString(), "--label", "species", "--standardize",
                "--learning-rate", "0.05", "--epochs", "300", "--early-stopping", "5");
        assertTrue(human.out().contains("stopped early after epoch"), human.out());
    }

    @Test
    void badFlagsAndBadFilesAreOneLineErrors(@TempDir Path dir) throws IOException {
        CliTest.Run noTask = run("train", "--csv", penguins().toString());
        assertEquals(2, noTask.exitCode());
        assertTrue(noTask.err().contains("--label") && noTask.err().contains("--target"), noTask.err());
        CliTest.Run fraction = run("train", "--csv", penguins().toString(), "--label", "species", "--test-fraction", "1");
        assertEquals(2, fraction.exitCode());
        assertTrue(fraction.err().contains("--test-fraction must be in (0, 1), got 1.0"), fraction.err());
        CliTest.Run column = run("train", "--csv", penguins().toString(), "--label", "kind");
        assertEquals(1, column.exitCode());
        assertTrue(column.err().contains("no label column named 'kind'; the file has columns species,"), column.err());
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "x,y\n1,2\n3,oops\n");
        CliTest.Run cell = run("train", "--csv", broken.toString(), "--target", "y");
        assertEquals(1, cell.exitCode());
        assertTrue(cell.err().contains(broken + ", line 3, column 1 (y): 'oops' is not a number"), cell.err());
        for (CliTest.Run r : List.of(noTask, fraction, column, cell)) {
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void theSineIsFittedCloseToTheNoise() {
        JsonObject o = json(run("regression", "--json"));
        assertTrue(o.get("test_r2").getAsDouble() > 0.95, o.toString());
        assertTrue(o.get("test_mse").getAsDouble() < 2 * o.get("noise_mse").getAsDouble(), o.toString());
    }
}
