package dev.scratchnet.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.NumericalDifferentiation;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.data.MnistData;
import dev.scratchnet.runtime.train.GradientMode;
import dev.scratchnet.runtime.train.Initializers;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingResult;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated TwoLayerNet on the embedded MNIST: the book's training, gradient check and determinism. */
class TwoLayerNetTrainingTest {
    private static Dataset train;
    private static Dataset test;
    /** The first 2,000 training and test images, for runs whose accuracy evaluations need not be on everything. */
    private static Dataset smallTrain;
    private static Dataset smallTest;

    @BeforeAll
    static void load() {
        MnistData mnist = EmbeddedMnist.load();
        train = mnist.getTrain();
        test = mnist.getTest();
        smallTrain = head(train, 2000);
        smallTest = head(test, 2000);
    }

    private static Dataset head(Dataset data, int rows) {
        return new Dataset(Arrays.copyOf(data.getX(), rows * data.getFeatures()), Arrays.copyOf(data.getLabels(), rows),
                data.getFeatures(), data.getClasses());
    }

    @Test
    void sixHundredIterationsReachNinetyPercentTestAccuracy() {
        TwoLayerNetModel model = new TwoLayerNetModel();
        Initializers.initialize(model, InitMethod.BOOK, 0L);
        TrainingResult result = new TwoLayerNetTrainer(model, TrainingConfig.builder().iterations(600).seed(0).build())
                .train(train, test);
        assertTrue(result.getTestAccuracy() >= 0.90, "test accuracy after one epoch: " + result.getTestAccuracy());
        assertEquals(600, result.getHistory().getLosses().length);
    }

    /** The book's ch06 comparison on MNIST (optimizer_compare_mnist.py), shortened: every optimiser learns. */
    @ParameterizedTest
    @CsvSource({"SGD, 0.1", "MOMENTUM, 0.01", "ADAGRAD, 0.01", "ADAM, 0.001"})
    void everyOptimizerLearnsMnistInAShortRun(OptimizerType optimizer, double learningRate) {
        TwoLayerNetModel model = new TwoLayerNetModel();
        Initializers.initialize(model, InitMethod.HE, 1L);
        TrainingResult result = new TwoLayerNetTrainer(model, TrainingConfig.builder().iterations(200)
                .learningRate(learningRate).optimizer(optimizer).seed(1).build()).train(smallTrain, smallTest);
        double[] losses = result.getHistory().getLosses();
        assertTrue(result.getTestAccuracy() >= 0.80, optimizer + ": test accuracy " + result.getTestAccuracy());
        assertTrue(losses[losses.length - 1] < losses[0] / 3, optimizer + ": loss " + losses[0] + " -> " + losses[losses.length - 1]);
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndDifferentSeedsDiffer() {
        double[] first = trainedW1(7L);
        double[] again = trainedW1(7L);
        double[] other = trainedW1(8L);
        assertArrayEquals(first, again, 0.0);
        assertFalse(Arrays.equals(first, other));
    }

    private static double[] trainedW1(long seed) {
        TwoLayerNetModel model = new TwoLayerNetModel();
        Initializers.initialize(model, InitMethod.BOOK, seed);
        new TwoLayerNetTrainer(model, TrainingConfig.builder().iterations(50).seed(seed).build()).train(smallTrain, smallTest);
        return model.getParameter("W1").getValues().clone();
    }

    /**
     * Sigmoid, the ch. 4 network: smooth everywhere. (With ReLU a pre-activation within h·x of 0 puts a kink
     * inside the central difference, and the numerical gradient of that unit is legitimately off.)
     */
    @Test
    void numericalGradientTrainingFollowsBackpropWithinOneMillionth() {
        TrainingConfig config = TrainingConfig.builder().iterations(3).batchSize(10).seed(3).build();
        TwoLayerNetSigmoidModel backprop = new TwoLayerNetSigmoidModel();
        Initializers.initialize(backprop, InitMethod.BOOK, 3L);
        new TwoLayerNetSigmoidTrainer(backprop, config).train(smallTrain, smallTest);
        TwoLayerNetSigmoidModel numerical = new TwoLayerNetSigmoidModel();
        Initializers.initialize(numerical, InitMethod.BOOK, 3L);
        new TwoLayerNetSigmoidTrainer(numerical, config.toBuilder().gradientMode(GradientMode.NUMERICAL).build())
                .train(smallTrain, smallTest);
        for (Parameter p : backprop.getParameters()) {
            double[] a = p.getValues();
            double[] b = numerical.getParameter(p.getName()).getValues();
            double max = 0;
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i] - b[i]));
            }
            assertTrue(max <= 1e-6, p.getName() + " differs by " + max);
        }
    }

    /** The book's ch05/gradient_check.py: three training samples, book initialisation. */
    @Test
    void gradientCheckOnThreeMnistSamplesAgreesWithinOneMillionth() {
        for (Model model : new Model[] {new TwoLayerNetModel(), new TwoLayerNetSigmoidModel()}) {
            Initializers.initialize(model, InitMethod.BOOK, 0L);
            Batch batch = train.slice(0, 3);
            Gradients backprop = model.newGradients();
            model.gradient(batch, backprop);
            Gradients numerical = model.newGradients();
            model.numericalGradient(batch, numerical);
            for (String name : backprop.getNames()) {
                double diff = backprop.maxAbsDifference(numerical, name);
                assertTrue(diff <= 1e-6, model.getClass().getSimpleName() + " " + name + ": " + diff);
            }
        }
    }

    /** The structure-aware numerical gradient of the generated model against the runtime's perturb-and-rerun one. */
    @Test
    void structureAwareNumericalGradientEqualsGenericOnMnist() {
        TwoLayerNetModel model = new TwoLayerNetModel();
        Initializers.initialize(model, InitMethod.BOOK, 1L);
        Batch batch = train.slice(100, 103);
        Gradients structured = model.newGradients();
        model.numericalGradient(batch, structured);
        Gradients generic = model.newGradients();
        NumericalDifferentiation.numericalGradient(model, batch, generic);
        assertTrue(structured.maxAbsDifference(generic) <= 1e-9, "differ by " + structured.maxAbsDifference(generic));
    }
}
