package dev.scratchnet.processor.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.processor.model.NetworkSpec;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.dsl.NetworkBuilder;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.internal.FusedSgd;
import dev.scratchnet.runtime.internal.SgdUpdate;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One engine behind both front doors: a model generated from a {@link NetworkSpec} and the DSL's
 * {@link SequentialNetwork} of the same layers compute with the same kernels, so given the same weights and batch
 * they give the same predictions, loss, accuracy, backpropagated gradients, numerical gradients and SGD steps, bit
 * for bit. Weights have standard deviation 0.5, fifty times the book's, so activations leave their linear region,
 * ReLU units switch off and the numerical gradient falls back from its series to recomputation here and there;
 * inputs are sparse like MNIST's, so the zero-skipping paths are exercised.
 */
class OneEngineTest {
    private static final int INPUTS = 12;
    private static final int OUTPUTS = 4;
    private static final int ROWS = 9;

    /** One network of the cross-check: its hidden layers' activations, its loss and its output activation. */
    record Case(List<ActivationFunction> hidden, LossFunction loss, ActivationFunction output) {
        int hiddenLayers() {
            return hidden.size();
        }

        int units(int k) {
            return k == hiddenLayers() ? OUTPUTS : 7 - k;
        }

        ActivationFunction activation(int k) {
            return k == hiddenLayers() ? output : hidden.get(k);
        }

        NetworkSpec spec() {
            int[] units = new int[hiddenLayers() + 1];
            ActivationFunction[] activations = new ActivationFunction[hiddenLayers() + 1];
            for (int k = 0; k <= hiddenLayers(); k++) {
                units[k] = units(k);
                activations[k] = activation(k);
            }
            String name = "Cross" + String.join("", hidden.stream().map(Enum::name).toList())
                    + loss.name().replace("_", "") + output;
            return GeneratedModels.spec(name, INPUTS, units, activations, loss);
        }

        SequentialNetwork dsl() {
            NetworkBuilder builder = Networks.builder(INPUTS);
            for (int k = 0; k <= hiddenLayers(); k++) {
                builder.dense(units(k), activation(k));
            }
            return builder.loss(loss).build();
        }

        @Override
        public String toString() {
            return "hidden " + hidden + ", " + loss + " after " + output;
        }
    }

    private static final List<Case> CASES = cases();
    private static ClassLoader generatedClasses;

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (int hiddenLayers = 1; hiddenLayers <= 3; hiddenLayers++) {
            for (ActivationFunction hidden : new ActivationFunction[] {
                ActivationFunction.SIGMOID, ActivationFunction.RELU, ActivationFunction.TANH}) {
                List<ActivationFunction> layers = Collections.nCopies(hiddenLayers, hidden);
                cases.add(new Case(layers, LossFunction.SOFTMAX_CROSS_ENTROPY, ActivationFunction.IDENTITY));
                cases.add(new Case(layers, LossFunction.MEAN_SQUARED_ERROR, ActivationFunction.IDENTITY));
                cases.add(new Case(layers, LossFunction.MEAN_SQUARED_ERROR, ActivationFunction.SIGMOID));
            }
        }
        // the deep bench network's mix, and another order of it
        List<ActivationFunction> mixed = List.of(ActivationFunction.RELU, ActivationFunction.TANH, ActivationFunction.SIGMOID);
        cases.add(new Case(mixed, LossFunction.SOFTMAX_CROSS_ENTROPY, ActivationFunction.IDENTITY));
        cases.add(new Case(mixed, LossFunction.MEAN_SQUARED_ERROR, ActivationFunction.IDENTITY));
        cases.add(new Case(List.of(ActivationFunction.SIGMOID, ActivationFunction.RELU, ActivationFunction.TANH),
                LossFunction.MEAN_SQUARED_ERROR, ActivationFunction.SIGMOID));
        return List.copyOf(cases);
    }

    /** One javac run for all the models: compiling each on its own would take about a second per case. */
    @BeforeAll
    static void compileAllGeneratedModels() {
        generatedClasses = GeneratedModels.load(CASES.stream().map(Case::spec).toList());
    }

    static Stream<Case> networks() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void generatedModelAndDslNetworkComputeTheSameValues(Case network) {
        SequentialNetwork dsl = network.dsl();
        Model generated = GeneratedModels.newModel(generatedClasses, network.spec());

        assertEquals(dsl.summary(), generated.summary(), "summaries");
        RandomGenerator random = new Well19937c(CASES.indexOf(network));
        sameRandomWeights(dsl, generated, random);
        Batch batch = GeneratedGradientTest.sparseBatch(random, ROWS, INPUTS, OUTPUTS);

        double[] dslPrediction = new double[ROWS * OUTPUTS];
        dsl.predict(batch.getX(), ROWS, dslPrediction);
        double[] generatedPrediction = new double[ROWS * OUTPUTS];
        generated.predict(batch.getX(), ROWS, generatedPrediction);
        assertArrayEquals(dslPrediction, generatedPrediction, "predictions");
        assertEquals(dsl.loss(batch), generated.loss(batch), "loss");
        assertEquals(dsl.accuracy(batch), generated.accuracy(batch), "accuracy");

        Gradients dslBackprop = dsl.newGradients();
        Gradients generatedBackprop = generated.newGradients();
        assertEquals(dsl.gradient(batch, dslBackprop), generated.gradient(batch, generatedBackprop),
                "loss returned by gradient");
        Gradients dslNumerical = dsl.newGradients();
        dsl.numericalGradient(batch, dslNumerical);
        Gradients generatedNumerical = generated.newGradients();
        generated.numericalGradient(batch, generatedNumerical);
        Gradients zero = dsl.newGradients();
        for (String p : dslBackprop.getNames()) {
            assertTrue(dslBackprop.maxAbsDifference(zero, p) > 1e-3, p + ": a gradient this small would compare vacuously");
            assertArrayEquals(dslBackprop.get(p), generatedBackprop.get(p), p + ": backprop");
            assertArrayEquals(dslNumerical.get(p), generatedNumerical.get(p), p + ": numerical gradient");
        }

        double lambda = 0.01;
        assertEquals(((FusedSgd) dsl).sgdStep(batch, new SgdUpdate(0.5, lambda, dsl.newGradients())),
                ((FusedSgd) generated).sgdStep(batch, new SgdUpdate(0.5, lambda, generated.newGradients())),
                "loss returned by the SGD step");
        for (int p = 0; p < dsl.getParameters().size(); p++) {
            assertArrayEquals(dsl.getParameters().get(p).getValues(), generated.getParameters().get(p).getValues(),
                    dsl.getParameters().get(p).getName() + " after an SGD step");
        }
    }

    /**
     * The trainer on a dataset of the networks' own kind (class labels, or real-valued targets for the squared
     * error) trains both front doors' networks to the same weights, bit for bit, with plain SGD (the fused step)
     * and with Adam (gradient, then the optimizer).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void theTrainerTrainsBothToTheSameWeights(Case network) {
        RandomGenerator random = new Well19937c(100 + CASES.indexOf(network));
        int rows = 60;
        double[] x = new double[rows * INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() < 0.3 ? random.nextGaussian() : 0.0;
        }
        Dataset data;
        if (network.loss() == LossFunction.MEAN_SQUARED_ERROR) {
            double[] t = new double[rows * OUTPUTS];
            for (int i = 0; i < t.length; i++) {
                t[i] = random.nextDouble();
            }
            data = Dataset.ofTargets(x, t, INPUTS, OUTPUTS);
        } else {
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = random.nextInt(OUTPUTS);
            }
            data = new Dataset(x, labels, INPUTS, OUTPUTS);
        }
        for (OptimizerType optimizer : List.of(OptimizerType.SGD, OptimizerType.ADAM)) {
            SequentialNetwork dsl = network.dsl();
            Model generated = GeneratedModels.newModel(generatedClasses, network.spec());
            sameRandomWeights(dsl, generated, new Well19937c(7));
            TrainingConfig config = TrainingConfig.builder().iterations(40).batchSize(10).learningRate(0.05)
                    .weightDecay(0.001).optimizer(optimizer).seed(3).evaluateEvery(TrainingConfig.NEVER).build();
            TrainingResult a = new Trainer(dsl, config).train(data, data);
            TrainingResult b = new Trainer(generated, config).train(data, data);
            assertArrayEquals(a.getHistory().getLosses(), b.getHistory().getLosses(), optimizer + ": losses");
            for (int p = 0; p < dsl.getParameters().size(); p++) {
                assertArrayEquals(dsl.getParameters().get(p).getValues(), generated.getParameters().get(p).getValues(),
                        optimizer + ": " + dsl.getParameters().get(p).getName());
            }
        }
    }

    /**
     * Accuracy judges the scores {@code aL}, not the softmax probabilities (as the book's chapter 5
     * {@code TwoLayerNet.accuracy} and the DSL): with the last layer's weights 0 every row's scores are its biases
     * {@code (0, 1e-17, −50, −50)}, whose softmax rounds the first two to the same probability, so only the scores
     * say that output 1, the label, is the largest.
     */
    @Test
    void accuracyJudgesTheScoresWhereTheSoftmaxRoundsThemEqual() {
        Case network = CASES.get(0);
        assertEquals(LossFunction.SOFTMAX_CROSS_ENTROPY, network.loss());
        SequentialNetwork dsl = network.dsl();
        Model generated = GeneratedModels.newModel(generatedClasses, network.spec());
        sameRandomWeights(dsl, generated, new Well19937c(99));
        for (Model model : List.of(dsl, generated)) {
            List<Parameter> parameters = model.getParameters();
            Arrays.fill(parameters.get(parameters.size() - 2).getValues(), 0.0);
            System.arraycopy(new double[] {0.0, 1e-17, -50, -50}, 0, parameters.get(parameters.size() - 1).getValues(), 0,
                    OUTPUTS);
        }
        Batch batch = new Batch(ROWS, INPUTS, OUTPUTS);
        for (int r = 0; r < ROWS; r++) {
            double[] x = new double[INPUTS];
            x[r % INPUTS] = 1.0 + r;
            batch.setInput(r, x, 0);
            batch.setLabel(r, 1);
        }
        double[] probabilities = new double[ROWS * OUTPUTS];
        generated.predict(batch.getX(), ROWS, probabilities);
        assertEquals(probabilities[0], probabilities[1], 0.0, "the softmax cannot tell outputs 0 and 1 apart");

        assertEquals(1.0, generated.accuracy(batch), 0.0, "generated");
        assertEquals(1.0, dsl.accuracy(batch), 0.0, "DSL");
    }

    /** Gives both models the same random weights and biases, after checking their parameters line up. */
    private static void sameRandomWeights(Model dsl, Model generated, RandomGenerator random) {
        assertEquals(dsl.getParameters().toString(), generated.getParameters().toString(), "parameter names and shapes");
        for (int p = 0; p < dsl.getParameters().size(); p++) {
            double[] a = dsl.getParameters().get(p).getValues();
            double[] b = generated.getParameters().get(p).getValues();
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextGaussian() * 0.5;
                b[i] = a[i];
            }
        }
    }
}
