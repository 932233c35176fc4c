package dev.scratchnet.processor.model;

import dev.scratchnet.annotations.LossFunction;
import java.util.List;

/**
 * A valid declared network, independent of {@code javax.lang.model}: what code generation works from.
 *
 * @param packageName     package of the declaring class (and of the generated classes)
 * @param declaringClass  canonical name of the {@code @Network} class, e.g. {@code com.example.TwoLayerNet}
 * @param modelName       simple name of the generated model, e.g. {@code TwoLayerNetModel}
 * @param trainerName     simple name of the generated trainer, e.g. {@code TwoLayerNetTrainer}
 * @param inputs          width of an input row
 * @param layers          the layers in declaration order (at least one)
 * @param loss            the loss
 */
public record NetworkSpec(
        String packageName,
        String declaringClass,
        String modelName,
        String trainerName,
        int inputs,
        List<LayerSpec> layers,
        LossFunction loss) {

    public NetworkSpec {
        layers = List.copyOf(layers);
    }

    public LayerSpec lastLayer() {
        return layers.get(layers.size() - 1);
    }

    public int outputs() {
        return lastLayer().units();
    }

    /** Simple name of the declaring class. */
    public String declaringSimpleName() {
        int dot = declaringClass.lastIndexOf('.');
        return dot < 0 ? declaringClass : declaringClass.substring(dot + 1);
    }
}
