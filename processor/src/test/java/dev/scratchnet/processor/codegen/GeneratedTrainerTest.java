package dev.scratchnet.processor.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.processor.model.NetworkSpec;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.train.Initializers;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingResult;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated trainer against the runtime's plain {@link Trainer} on the same generated model and seed. */
class GeneratedTrainerTest {
    private static final NetworkSpec SPEC = GeneratedModels.spec("Small", 12, new int[] {8, 3},
            new ActivationFunction[] {ActivationFunction.RELU, ActivationFunction.IDENTITY},
            LossFunction.SOFTMAX_CROSS_ENTROPY);
    private static ClassLoader classes;
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void compile() {
        classes = GeneratedModels.load(SPEC);
        train = blobs(new Well19937c(1L), 300);
        test = blobs(new Well19937c(2L), 90);
    }

    @ParameterizedTest(name = "{0}, weight decay {1}")
    @CsvSource({"SGD, 0", "SGD, 0.01", "MOMENTUM, 0", "ADAM, 0.001", "ADAGRAD, 0"})
    void generatedTrainerGivesTheSameWeightsAndHistoryAsThePlainTrainer(OptimizerType optimizer, double decay)
            throws ReflectiveOperationException {
        TrainingConfig config = TrainingConfig.builder()
                .iterations(120)
                .batchSize(20)
                .learningRate(optimizer == OptimizerType.SGD ? 0.1 : 0.01)
                .optimizer(optimizer)
                .weightDecay(decay)
                .seed(42)
                .build();
        Model plain = newModel();
        Initializers.initialize(plain, InitMethod.HE, 7L);
        TrainingResult expected = new Trainer(plain, config).train(train, test);

        Model generated = newModel();
        Initializers.initialize(generated, InitMethod.HE, 7L);
        TrainingResult actual = train(generated, config);

        for (Parameter p : plain.getParameters()) {
            assertArrayEquals(p.getValues(), generated.getParameter(p.getName()).getValues(), 0.0, p.getName());
        }
        assertArrayEquals(expected.getHistory().getLosses(), actual.getHistory().getLosses(), 0.0);
        assertArrayEquals(expected.getHistory().getTestAccuracies(), actual.getHistory().getTestAccuracies(), 0.0);
        assertEquals(expected.getTestAccuracy(), actual.getTestAccuracy());
        assertTrue(actual.getTestAccuracy() > 0.9, "learns the blobs: test accuracy " + actual.getTestAccuracy());
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2"})
    void differentSeedsGiveDifferentWeights(long seed) throws ReflectiveOperationException {
        TrainingConfig config = TrainingConfig.builder().iterations(30).batchSize(20).seed(seed).build();
        Model a = newModel();
        Initializers.initialize(a, InitMethod.BOOK, seed);
        train(a, config);
        Model b = newModel();
        Initializers.initialize(b, InitMethod.BOOK, seed + 10);
        train(b, config.toBuilder().seed(seed + 10).build());
        assertFalse(Arrays.equals(a.getParameter("W1").getValues(), b.getParameter("W1").getValues()));
    }

    @ParameterizedTest(name = "{0} features")
    @CsvSource({"11", "13"})
    void datasetOfTheWrongWidthIsRejectedWithExpectedAndActual(int features) throws ReflectiveOperationException {
        Dataset wrong = new Dataset(new double[features * 4], new int[4], features, 3);
        Object trainer = newTrainer(newModel(), TrainingConfig.builder().iterations(1).batchSize(2).build());
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> trainer.getClass()
                .getMethod("train", Dataset.class, Dataset.class)
                .invoke(trainer, wrong, test));
        assertEquals("the training set has " + features + " features and 3 classes, but SmallModel takes 12 inputs and has 3 outputs",
                e.getCause().getMessage());
    }

    private static Model newModel() throws ReflectiveOperationException {
        return (Model) classes.loadClass("test.nets.SmallModel").getConstructor().newInstance();
    }

    private static Object newTrainer(Model model, TrainingConfig config) throws ReflectiveOperationException {
        return classes.loadClass("test.nets.SmallTrainer")
                .getConstructor(model.getClass(), TrainingConfig.class)
                .newInstance(model, config);
    }

    private static TrainingResult train(Model model, TrainingConfig config) throws ReflectiveOperationException {
        Object trainer = newTrainer(model, config);
        return (TrainingResult) trainer.getClass().getMethod("train", Dataset.class, Dataset.class).invoke(trainer, train, test);
    }

    /** Three Gaussian blobs in 12 dimensions, with about a third of the values exactly 0. */
    private static Dataset blobs(RandomGenerator random, int rows) {
        double[] x = new double[rows * 12];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = r % 3;
            for (int i = 0; i < 12; i++) {
                double centre = i % 3 == labels[r] ? 1.0 : 0.0;
                double v = centre + 0.3 * random.nextGaussian();
                x[r * 12 + i] = i % 4 == 3 ? 0.0 : v;
            }
        }
        return new Dataset(x, labels, 12, 3);
    }
}
