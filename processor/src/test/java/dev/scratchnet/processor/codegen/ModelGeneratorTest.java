package dev.scratchnet.processor.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.processor.model.LayerSpec;
import dev.scratchnet.processor.model.NetworkSpec;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.train.Initializers;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class ModelGeneratorTest {
    /** 2-3-2 network, sigmoid hidden layer, identity output, mean squared error: forward by hand. */
    @Test
    void forwardPassOfTwoThreeTwoNetworkMatchesHandComputation() {
        Model model = GeneratedModels.compile(GeneratedModels.spec("Tiny", 2, new int[] {3, 2},
                new ActivationFunction[] {ActivationFunction.SIGMOID, ActivationFunction.IDENTITY},
                LossFunction.MEAN_SQUARED_ERROR));
        // The book's ch03 3-layer example weights, first two layers.
        set(model, "W1", 0.1, 0.3, 0.5, 0.2, 0.4, 0.6);
        set(model, "b1", 0.1, 0.2, 0.3);
        set(model, "W2", 0.1, 0.4, 0.2, 0.5, 0.3, 0.6);
        set(model, "b2", 0.1, 0.2);
        double[] out = new double[2];
        model.predict(new double[] {1.0, 0.5}, 1, out);
        // a1 = [0.3, 0.7, 1.1]; z1 = sigmoid(a1) = [0.57444252, 0.66818777, 0.75026011] (book ch03)
        double z1 = 1 / (1 + Math.exp(-0.3));
        double z2 = 1 / (1 + Math.exp(-0.7));
        double z3 = 1 / (1 + Math.exp(-1.1));
        assertEquals(0.57444252, z1, 1e-8);
        assertEquals(0.1 * z1 + 0.2 * z2 + 0.3 * z3 + 0.1, out[0], 1e-15);
        assertEquals(0.4 * z1 + 0.5 * z2 + 0.6 * z3 + 0.2, out[1], 1e-15);
        // book: a2 = [0.51615984, 1.21402696]
        assertArrayEquals(new double[] {0.51615984, 1.21402696}, out, 1e-8);

        Batch batch = Batch.ofTargets(new double[][] {{1.0, 0.5}}, new double[][] {{0.0, 1.0}});
        double e0 = out[0];
        double e1 = out[1] - 1.0;
        assertEquals(0.5 * (e0 * e0 + e1 * e1), model.loss(batch), 1e-15);
    }

    @Test
    void parametersHaveBookNamesAndShapes() {
        Model model = GeneratedModels.compile(GeneratedModels.spec("Shapes", 784, new int[] {50, 10},
                new ActivationFunction[] {ActivationFunction.RELU, ActivationFunction.IDENTITY},
                LossFunction.SOFTMAX_CROSS_ENTROPY));
        assertEquals("[W1[784, 50], b1[50], W2[50, 10], b2[10]]", model.getParameters().toString());
        assertEquals(784, model.getInputs());
        assertEquals(10, model.getOutputs());
        Parameter w1 = model.getParameter("W1");
        w1.getValues()[1] = 2.5;
        assertEquals(2.5, w1.toRealMatrix().getEntry(0, 1));
        Gradients g = model.newGradients();
        assertEquals(784 * 50, g.get("W1").length);
        assertTrue(g.get("b2").length == 10);
    }

    /** {@code @Init} per layer: the generated {@code initialize(seed)} draws each layer's weights by its method. */
    @Test
    void initializeUsesEachLayersDeclaredInitFromOneSeededStream() throws ReflectiveOperationException {
        NetworkSpec spec = new NetworkSpec("test.nets", "test.nets.Inits", "InitsModel", "InitsTrainer", 30, List.of(
                new LayerSpec("hidden", 1, 30, 20, ActivationFunction.RELU, InitMethod.HE),
                new LayerSpec("output", 2, 20, 4, ActivationFunction.IDENTITY, InitMethod.XAVIER)),
                LossFunction.SOFTMAX_CROSS_ENTROPY);
        Model model = GeneratedModels.compile(spec);
        model.getParameter("b1").getValues()[3] = 9.0;
        model.getClass().getMethod("initialize", long.class).invoke(model, 7L);

        Model expected = GeneratedModels.compile(spec);
        Well19937c random = new Well19937c(7L);
        Initializers.initialize(expected.getParameter("W1"), InitMethod.HE, random);
        Initializers.initialize(expected.getParameter("b1"), InitMethod.HE, random);
        Initializers.initialize(expected.getParameter("W2"), InitMethod.XAVIER, random);
        Initializers.initialize(expected.getParameter("b2"), InitMethod.XAVIER, random);
        for (Parameter p : expected.getParameters()) {
            assertArrayEquals(p.getValues(), model.getParameter(p.getName()).getValues(), 0.0, p.getName());
        }
        assertEquals(0.0, model.getParameter("b1").getValues()[3]);
    }

    @Test
    void dslNetworkInitializesLikeTheGeneratedModelWithTheSameInits() throws ReflectiveOperationException {
        NetworkSpec spec = new NetworkSpec("test.nets", "test.nets.Inits2", "Inits2Model", "Inits2Trainer", 30, List.of(
                new LayerSpec("hidden", 1, 30, 20, ActivationFunction.TANH, InitMethod.XAVIER),
                new LayerSpec("output", 2, 20, 4, ActivationFunction.IDENTITY, InitMethod.BOOK)),
                LossFunction.SOFTMAX_CROSS_ENTROPY);
        Model generated = GeneratedModels.compile(spec);
        generated.getClass().getMethod("initialize", long.class).invoke(generated, 11L);
        SequentialNetwork dsl = Networks.builder(30)
                .dense(20, ActivationFunction.TANH).init(InitMethod.XAVIER)
                .dense(4)
                .loss(LossFunction.SOFTMAX_CROSS_ENTROPY)
                .build();
        dsl.initialize(11L);
        for (Parameter p : generated.getParameters()) {
            assertArrayEquals(p.getValues(), dsl.getParameter(p.getName()).getValues(), 0.0, p.getName());
        }
    }

    @Test
    void batchesThatDoNotFitAreRejectedWithExpectedAndActual() {
        Model model = GeneratedModels.compile(GeneratedModels.spec("Fit", 4, new int[] {3, 2},
                new ActivationFunction[] {ActivationFunction.TANH, ActivationFunction.IDENTITY},
                LossFunction.SOFTMAX_CROSS_ENTROPY));
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> model.loss(Batch.of(new double[][] {{1, 2, 3}}, new int[] {0}, 2)));
        assertEquals("batch rows have 3 inputs; FitModel expects 4", width.getMessage());
        IllegalArgumentException outputs = assertThrows(IllegalArgumentException.class,
                () -> model.gradient(Batch.of(new double[][] {{1, 2, 3, 4}}, new int[] {0}, 3), model.newGradients()));
        assertEquals("batch targets have 3 columns; FitModel has outputs 2", outputs.getMessage());
        IllegalArgumentException predict = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new double[6], 2, new double[4]));
        assertEquals("expected 2 input rows of 4 values, got 6", predict.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> Batch.of(new double[][] {{1, 2, 3, 4}}, new int[] {2}, 2));
        assertEquals("label 2 of row 0 is outside [0, 2)", label.getMessage());
    }

    private static void set(Model model, String name, double... values) {
        double[] target = model.getParameter(name).getValues();
        assertEquals(target.length, values.length, name);
        System.arraycopy(values, 0, target, 0, values.length);
    }
}
