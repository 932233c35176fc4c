package dev.scratchnet.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.data.Mnist;
import dev.scratchnet.runtime.data.MnistData;
import dev.scratchnet.samples.EmbeddedMnist;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code mnist --network dsl} and {@code --network generated} with the same seed and flags train the same network
 * the same way: the DSL network under the runtime's {@code Trainer}, the generated model under its generated
 * trainer. They report the same final loss (to 1e-9) and the same accuracy at every evaluation.
 *
 * <p>Runs on the first 1,000 training and 500 test digits of the embedded MNIST, written as IDX files for
 * {@code --data}: an epoch is then 10 iterations, so 100 iterations evaluate ten times, in well under a second.
 */
class FrontDoorsCliTest {
    private static final int TRAIN_ROWS = 1000;
    private static final int TEST_ROWS = 500;

    @TempDir
    static Path data;

    @BeforeAll
    static void writeMnistSubset() throws IOException {
        MnistData mnist = EmbeddedMnist.load();
        write(mnist.getTrain(), TRAIN_ROWS, mnist, Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS);
        write(mnist.getTest(), TEST_ROWS, mnist, Mnist.TEST_IMAGES, Mnist.TEST_LABELS);
    }

    @ParameterizedTest(name = "--activation {0} --optimizer {1} --weight-decay {2}")
    @CsvSource({"relu, sgd, 0", "sigmoid, sgd, 0", "relu, adam, 0.01"})
    void dslAndGeneratedNetworksReportTheSameTraining(String activation, String optimizer, String weightDecay) {
        JsonObject generated = train("generated", activation, optimizer, weightDecay);
        JsonObject dsl = train("dsl", activation, optimizer, weightDecay);

        assertEquals("generated", generated.get("network").getAsString());
        assertEquals("dsl", dsl.get("network").getAsString());
        assertEquals(10, dsl.getAsJsonArray("evaluations").size(), dsl.toString());
        assertTrue(dsl.get("final_loss").getAsDouble() < Math.log(10) - 0.03,
                "training moved the loss from ln 10, where the book's tiny initial weights start it: " + dsl);
        assertEquals(generated.get("final_loss").getAsDouble(), dsl.get("final_loss").getAsDouble(), 1e-9);
        assertEquals(generated.get("train_accuracy").getAsDouble(), dsl.get("train_accuracy").getAsDouble(), 0.0);
        assertEquals(generated.get("test_accuracy").getAsDouble(), dsl.get("test_accuracy").getAsDouble(), 0.0);
        assertEquals(generated.get("evaluations"), dsl.get("evaluations"));
    }

    private static JsonObject train(String network, String activation, String optimizer, String weightDecay) {
        CliTest.Run run = CliTest.run("mnist", "--network", network, "--activation", activation, "--optimizer", optimizer,
                "--weight-decay", weightDecay, "--iterations", "100", "--seed", "3", "--data", data.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    /** The first {@code rows} digits of {@code set} as uncompressed IDX files (pixels back to 0–255), without SHA256SUMS. */
    private static void write(Dataset set, int rows, MnistData mnist, String imagesFile, String labelsFile) throws IOException {
        int pixels = set.getFeatures();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(data.resolve(imagesFile))))) {
            out.writeInt(0x00000803);
            out.writeInt(rows);
            out.writeInt(mnist.getImageRows());
            out.writeInt(mnist.getImageCols());
            for (int i = 0; i < rows * pixels; i++) {
                out.writeByte((int) Math.round(set.getX()[i] * 255));
            }
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(data.resolve(labelsFile))))) {
            out.writeInt(0x00000801);
            out.writeInt(rows);
            for (int i = 0; i < rows; i++) {
                out.writeByte(set.getLabels()[i]);
            }
        }
    }
}
