package dev.scratchnet.samples.kotlin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Matrix;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.samples.EmbeddedMnist;
import dev.scratchnet.samples.SampleNetworks;
import dev.scratchnet.samples.TwoLayerNetModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kotlin sample seen from Java: its {@code network { }} builds exactly the Java DSL's network, the model kapt
 * generated from the Kotlin declaration {@link KotlinTwoLayerNet} computes what the DSL network computes, and the
 * forward pass written with {@link Matrix} operators agrees with the network.
 */
class KotlinSamplesTest {
    private static Batch digits;

    @BeforeAll
    static void firstTestDigits() {
        digits = EmbeddedMnist.load().getTest().slice(0, 100);
    }

    @Test
    void kotlinTwoLayerNetIsTheJavaDslNetwork() {
        SequentialNetwork kotlin = KotlinMnist.twoLayerNet(50);
        Model java = SampleNetworks.twoLayerNet(SampleNetworks.Kind.DSL, SampleNetworks.Hidden.RELU, 50);

        assertEquals("SequentialNetwork(784 → dense1(50, RELU) → dense2(10, IDENTITY), SOFTMAX_CROSS_ENTROPY)", kotlin.toString());
        assertEquals(java.toString(), kotlin.toString());
        randomWeights(kotlin, 0.1);
        copyWeights(kotlin, java);
        assertEquals(java.loss(digits), kotlin.loss(digits), 0.0);
    }

    /**
     * kapt ran the processor on the Kotlin class, and on the Java {@code TwoLayerNet} too (javac's own annotation
     * processing is off in this module): both generated models compute what the DSL network computes.
     */
    @Test
    void kaptGeneratedModelComputesWhatTheDslNetworkComputes() {
        KotlinTwoLayerNetModel generated = new KotlinTwoLayerNetModel();
        SequentialNetwork dsl = KotlinMnist.twoLayerNet(KotlinTwoLayerNetModel.UNITS_1);
        TwoLayerNetModel fromJava = new TwoLayerNetModel();
        assertEquals("[W1[784, 50], b1[50], W2[50, 10], b2[10]]", generated.getParameters().toString());
        randomWeights(dsl, 0.1);
        copyWeights(dsl, generated);
        copyWeights(dsl, fromJava);

        double loss = dsl.loss(digits);
        assertTrue(loss > 0.5, "random weights classify badly, so the comparison is not of near-zero losses: " + loss);
        assertEquals(loss, generated.loss(digits), 1e-12);
        assertEquals(generated.loss(digits), fromJava.loss(digits), 0.0);
        assertArrayEquals(dsl.predict(x(digits)).getData(), generated.predict(x(digits)).getData(), 1e-12);
        Gradients dslGradients = dsl.newGradients();
        dsl.gradient(digits, dslGradients);
        Gradients generatedGradients = generated.newGradients();
        generated.gradient(digits, generatedGradients);
        assertTrue(dslGradients.maxAbsDifference(generatedGradients) <= 1e-12,
                "backprop differs by " + dslGradients.maxAbsDifference(generatedGradients));
    }

    @Test
    void forwardPassWithMatrixOperatorsMatchesTheNetwork() {
        SequentialNetwork net = KotlinMnist.twoLayerNet(30);
        randomWeights(net, 0.1);
        Matrix byHand = KotlinMnist.predictByHand(net, x(digits));
        Matrix predicted = net.predict(x(digits));

        assertArrayEquals(predicted.getData(), byHand.getData(), 1e-12);
        assertEquals(net.loss(digits), KotlinMnist.crossEntropyByHand(byHand, digits.getLabels()), 1e-12);
    }

    /** The book's example of {@code cross_entropy_error} (ch. 4.2.2): 0.51082545709933802 and 2.3025840929945458. */
    @Test
    void crossEntropyByHandGivesTheBookValues() {
        Matrix y = Matrix.row(0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0);
        assertEquals(0.51082545709933802, KotlinMnist.crossEntropyByHand(y, new int[] {2}), 1e-15);
        assertEquals(2.3025840929945458, KotlinMnist.crossEntropyByHand(y, new int[] {7}), 1e-15);
    }

    @Test
    void mainTrainsAndPrintsTestAccuracyAndTheHandCheck() {
        String out = stdoutOf(() -> KotlinMnist.main(new String[] {"50"}));

        assertTrue(out.startsWith("SequentialNetwork(784 → dense1(50, RELU) → dense2(10, IDENTITY), SOFTMAX_CROSS_ENTROPY),"
                + " 39760 parameters: 50 iterations, batch 100, learning rate 0.1, seed 0\n"), out);
        Matcher accuracy = Pattern.compile("test accuracy (0\\.\\d{4})").matcher(out);
        assertTrue(accuracy.find(), out);
        assertTrue(Double.parseDouble(accuracy.group(1)) > 0.3, "better than chance after 50 iterations: " + out);
        Matcher losses = Pattern.compile("test digits (\\d\\.\\d{6}), the network's (\\d\\.\\d{6})").matcher(out);
        assertTrue(losses.find(), out);
        assertEquals(losses.group(2), losses.group(1), out);
    }

    private static String stdoutOf(Runnable run) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            run.run();
        } finally {
            System.setOut(stdout);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Matrix x(Batch batch) {
        return new Matrix(batch.getSize(), batch.getInputs(),
                Arrays.copyOf(batch.getX(), batch.getSize() * batch.getInputs()));
    }

    /** Fills every weight and bias of {@code model} with Gaussian values of standard deviation {@code std}, seeded. */
    private static void randomWeights(Model model, double std) {
        Well19937c random = new Well19937c(42L);
        for (Parameter p : model.getParameters()) {
            double[] values = p.getValues();
            for (int i = 0; i < values.length; i++) {
                values[i] = std * random.nextGaussian();
            }
        }
    }

    /** Copies {@code from}'s parameters into {@code to}'s, which must have the same names and shapes. */
    private static void copyWeights(Model from, Model to) {
        assertEquals(from.getParameters().toString(), to.getParameters().toString());
        for (Parameter p : from.getParameters()) {
            System.arraycopy(p.getValues(), 0, to.getParameter(p.getName()).getValues(), 0, p.getSize());
        }
    }
}
