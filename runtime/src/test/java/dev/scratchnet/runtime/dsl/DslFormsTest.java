package dev.scratchnet.runtime.dsl;

import static dev.scratchnet.annotations.ActivationFunction.IDENTITY;
import static dev.scratchnet.annotations.ActivationFunction.RELU;
import static dev.scratchnet.annotations.ActivationFunction.SIGMOID;
import static dev.scratchnet.annotations.InitMethod.HE;
import static dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DslFormsTest {
    @Test
    void callbackAndFluentFormsBuildEqualNetworks() {
        SequentialNetwork callback = Networks.sequential(6, net -> {
            net.dense(5, RELU).init(HE);
            net.dense(4, SIGMOID);
            net.dense(3);
            net.loss(SOFTMAX_CROSS_ENTROPY);
        });
        SequentialNetwork fluent = Networks.builder(6).dense(5, RELU).init(HE).dense(4, SIGMOID).dense(3).loss(SOFTMAX_CROSS_ENTROPY)
                .build();

        assertEquals(List.of(new LayerInfo("dense1", 5, RELU, HE), new LayerInfo("dense2", 4, SIGMOID, null),
                new LayerInfo("dense3", 3, IDENTITY, null)), callback.getLayers());
        assertEquals(callback.getLayers(), fluent.getLayers());
        assertEquals(callback.toString(), fluent.toString());
        assertEquals(callback.getParameters().toString(), fluent.getParameters().toString());

        // the same weights give the same loss and gradients through both
        for (int p = 0; p < callback.getParameters().size(); p++) {
            Parameter source = callback.getParameters().get(p);
            for (int i = 0; i < source.getSize(); i++) {
                source.getValues()[i] = Math.sin(7 * p + i);
            }
            System.arraycopy(source.getValues(), 0, fluent.getParameters().get(p).getValues(), 0, source.getSize());
        }
        Batch batch = Batch.of(new double[][] {{1, 0, -1, 0.5, 0.25, 2}, {0, 1, 1, -0.5, 3, -1}}, new int[] {2, 0}, 3);
        Gradients a = callback.newGradients();
        Gradients b = fluent.newGradients();
        assertEquals(callback.gradient(batch, a), fluent.gradient(batch, b));
        assertEquals(0, a.maxAbsDifference(b));
        assertArrayEquals(new double[] {callback.accuracy(batch)}, new double[] {fluent.accuracy(batch)});
    }

    @Test
    void builderCallsWorkAsStatementsAsInAKotlinLambdaWithReceiver() {
        // what `network(inputs = 784) { dense(50, RELU); dense(10); loss(SOFTMAX_CROSS_ENTROPY) }` wraps
        NetworkBuilder builder = Networks.builder(784);
        builder.dense(50, RELU);
        builder.dense(10);
        builder.loss(SOFTMAX_CROSS_ENTROPY);
        assertEquals("SequentialNetwork(784 → dense1(50, RELU) → dense2(10, IDENTITY), SOFTMAX_CROSS_ENTROPY)", builder.build().toString());
    }
}
