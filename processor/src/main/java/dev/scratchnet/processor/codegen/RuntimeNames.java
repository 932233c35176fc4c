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
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final String PROCESSOR = "dev.scratchnet.processor.NetworkProcessor";

    private RuntimeNames() {}
}
