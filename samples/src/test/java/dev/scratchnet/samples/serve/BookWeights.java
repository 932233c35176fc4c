package dev.scratchnet.samples.serve;

import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.train.Initializers;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.samples.EmbeddedMnist;
import dev.scratchnet.samples.TwoLayerNetModel;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The book's trained network for the tests: {@code mnist}'s defaults (ReLU, SGD, learning rate 0.1, batch 100, seed 0)
 * for 3,000 iterations, test accuracy about 0.95. There is no weights file in the repository, so the weights are
 * trained once per test JVM, in seconds, and every caller gets a model of its own with a copy of them.
 */
final class BookWeights {
    static final int ITERATIONS = 3_000;

    private static Map<String, double[]> weights;

    private BookWeights() {}

    static synchronized Model trained() {
        if (weights == null) {
            Model model = new TwoLayerNetModel();
            Initializers.initialize(model, InitMethod.BOOK, 0);
            new Trainer(model, TrainingConfig.builder().iterations(ITERATIONS).evaluateEvery(TrainingConfig.NEVER).build())
                    .train(EmbeddedMnist.load().getTrain(), EmbeddedMnist.load().getTest());
            weights = model.getParameters().stream().collect(Collectors.toMap(Parameter::getName, p -> p.getValues().clone()));
        }
        Model copy = new TwoLayerNetModel();
        List<Parameter> parameters = copy.getParameters();
        for (Parameter p : parameters) {
            System.arraycopy(weights.get(p.getName()), 0, p.getValues(), 0, p.getSize());
        }
        return copy;
    }
}
