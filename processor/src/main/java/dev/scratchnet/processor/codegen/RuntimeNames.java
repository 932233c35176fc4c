package dev.scratchnet.processor.codegen;

import com.palantir.javapoet.ClassName;

/**
 * The types generated code uses, named without a compile-time dependency on the runtime: the processor never loads
 * runtime classes. Those in {@code internal} are the machinery users do not call.
 */
final class RuntimeNames {
    static final String RUNTIME = "dev.scratchnet.runtime";
    static final String INTERNAL = RUNTIME + ".internal";
    static final String ANNOTATIONS = "dev.scratchnet.annotations";

    static final ClassName MODEL = ClassName.get(RUNTIME, "Model");
    static final ClassName PARAMETER = ClassName.get(RUNTIME, "Parameter");
    static final ClassName GRADIENTS = ClassName.get(RUNTIME, "Gradients");
    static final ClassName BATCH = ClassName.get(RUNTIME, "Batch");
    static final ClassName SUMMARY = ClassName.get(RUNTIME, "Summary");
    static final ClassName LOSS_FUNCTION = ClassName.get(ANNOTATIONS, "LossFunction");
    static final ClassName ACTIVATION_FUNCTION = ClassName.get(ANNOTATIONS, "ActivationFunction");
    static final ClassName INIT_METHOD = ClassName.get(ANNOTATIONS, "InitMethod");
    static final ClassName INITIALIZERS = ClassName.get(RUNTIME + ".train", "Initializers");

    static final ClassName FUSED_SGD = ClassName.get(INTERNAL, "FusedSgd");
    static final ClassName SGD_UPDATE = ClassName.get(INTERNAL, "SgdUpdate");
    static final ClassName SCORED = ClassName.get(INTERNAL, "Scored");
    static final ClassName INPUT = ClassName.get(INTERNAL, "Input");
    static final ClassName AFFINE_KERNEL = ClassName.get(INTERNAL, "AffineKernel");
    static final ClassName LOSS_KERNEL = ClassName.get(INTERNAL, "LossKernel");
    static final ClassName ACTIVATIONS = ClassName.get(INTERNAL, "Activations");
    static final ClassName KERNELS = ClassName.get(INTERNAL, "Kernels");
    static final ClassName DIFFERENCES = ClassName.get(INTERNAL, "Differences");

    static final ClassName RANDOM_GENERATOR = ClassName.get("org.apache.commons.math3.random", "RandomGenerator");
    static final ClassName WELL19937C = ClassName.get("org.apache.commons.math3.random", "Well19937c");
    static final ClassName GENERATED = ClassName.get("dev.scratchnet.annotations.internal", "Generated");
    static final String PROCESSOR = "dev.scratchnet.processor.NetworkProcessor";

    private RuntimeNames() {}
}
