package dev.scratchnet.processor.codegen;

import com.palantir.javapoet.ClassName;

/** Runtime types that generated code uses, named without a compile-time dependency on the runtime. */
final class RuntimeNames {
    static final String RUNTIME = "dev.scratchnet.runtime";

    static final ClassName MODEL = ClassName.get(RUNTIME, "Model");
    static final ClassName PARAMETER = ClassName.get(RUNTIME, "Parameter");
    static final ClassName GRADIENTS = ClassName.get(RUNTIME, "Gradients");
    static final ClassName BATCH = ClassName.get(RUNTIME, "Batch");
    static final ClassName LOSS_FUNCTION = ClassName.get(RUNTIME, "LossFunction");
    static final ClassName ACTIVATION_FUNCTION = ClassName.get(RUNTIME, "ActivationFunction");
    static final ClassName KERNELS = ClassName.get(RUNTIME + ".kernels", "Kernels");
    static final ClassName UNIT_LOSS = ClassName.get(RUNTIME + ".kernels", "UnitLoss");
    static final ClassName INIT_METHOD = ClassName.get(RUNTIME, "InitMethod");
    static final ClassName INITIALIZERS = ClassName.get(RUNTIME + ".train", "Initializers");
    static final ClassName RANDOM_GENERATOR = ClassName.get("org.apache.commons.math3.random", "RandomGenerator");
    static final ClassName WELL19937C = ClassName.get("org.apache.commons.math3.random", "Well19937c");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final String PROCESSOR = "dev.scratchnet.processor.NetworkProcessor";

    private RuntimeNames() {}
}
