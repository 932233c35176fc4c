package dev.scratchnet.processor.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.processor.model.NetworkSpec;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.train.Initializers;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingResult;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated trainer's fused SGD step ({@code sgdStep}: the first layer's gradient applied inside the kernel)
 * against the runtime's plain {@link Trainer} (gradient, then the optimiser), on network shapes whose generated
 * step differs: one layer (the output layer's weights are the fused ones), three layers, mean squared error and
 * cross-entropy after softmax. Same weights and losses, bit for bit.
 */
class GeneratedSgdStepTest {
    private static final ActivationFunction I = ActivationFunction.IDENTITY;
    private static final List<NetworkSpec> SPECS = List.of(
            GeneratedModels.spec("OneLayer", 12, new int[] {3}, new ActivationFunction[] {I},
                    LossFunction.SOFTMAX_CROSS_ENTROPY),
            GeneratedModels.spec("Deep", 12, new int[] {8, 6, 3},
                    new ActivationFunction[] {ActivationFunction.SIGMOID, ActivationFunction.TANH, I},
                    LossFunction.SOFTMAX_CROSS_ENTROPY),
            GeneratedModels.spec("Squared", 12, new int[] {8, 3},
                    new ActivationFunction[] {ActivationFunction.RELU, ActivationFunction.SIGMOID},
                    LossFunction.MEAN_SQUARED_ERROR),
            GeneratedModels.spec("Entropy", 12, new int[] {8, 3},
                    new ActivationFunction[] {ActivationFunction.TANH, ActivationFunction.SOFTMAX},
                    LossFunction.CROSS_ENTROPY));
    private static ClassLoader classes;
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void compile() {
        classes = GeneratedModels.load(SPECS);
        train = blobs(new Well19937c(3L), 300);
        test = blobs(new Well19937c(4L), 90);
    }

    @ParameterizedTest(name = "{0}, weight decay {1}")
    @CsvSource({"OneLayer, 0", "OneLayer, 0.01", "Deep, 0", "Deep, 0.01", "Squared, 0", "Squared, 0.01",
            "Entropy, 0", "Entropy, 0.01"})
    void fusedSgdStepGivesThePlainTrainersWeightsAndLosses(String name, double decay) throws ReflectiveOperationException {
        TrainingConfig config = TrainingConfig.builder()
                .iterations(150)
                .batchSize(20)
                .learningRate(0.1)
                .weightDecay(decay)
                .seed(9)
                .build();
        Model plain = newModel(name);
        Initializers.initialize(plain, InitMethod.XAVIER, 5L);
        TrainingResult expected = new Trainer(plain, config).train(train, test);

        Model generated = newModel(name);
        Initializers.initialize(generated, InitMethod.XAVIER, 5L);
        Object trainer = classes.loadClass("test.nets." + name + "Trainer")
                .getConstructor(generated.getClass(), TrainingConfig.class)
                .newInstance(generated, config);
        TrainingResult actual = (TrainingResult) trainer.getClass().getMethod("train", Dataset.class, Dataset.class)
                .invoke(trainer, train, test);

        for (Parameter p : plain.getParameters()) {
            assertArrayEquals(p.getValues(), generated.getParameter(p.getName()).getValues(), 0.0, name + " " + p.getName());
        }
        assertArrayEquals(expected.getHistory().getLosses(), actual.getHistory().getLosses(), 0.0);
        assertEquals(expected.getTestAccuracy(), actual.getTestAccuracy());
    }

    private static Model newModel(String name) throws ReflectiveOperationException {
        return (Model) classes.loadClass("test.nets." + name + "Model").getConstructor().newInstance();
    }

    /** Three Gaussian blobs in 12 dimensions, with a quarter of the values exactly 0. */
    private static Dataset blobs(RandomGenerator random, int rows) {
        double[] x = new double[rows * 12];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = r % 3;
            for (int i = 0; i < 12; i++) {
                double centre = i % 3 == labels[r] ? 1.0 : 0.0;
                x[r * 12 + i] = i % 4 == 3 ? 0.0 : centre + 0.3 * random.nextGaussian();
            }
        }
        return new Dataset(x, labels, 12, 3);
    }
}
