package dev.scratchnet.processor.codegen;

import com.palantir.javapoet.CodeBlock;
import dev.scratchnet.annotations.ActivationFunction;

/** Java expressions for each activation and its derivative, as generated code writes them inline. */
final class Activations {
    private Activations() {}

    /** The activation of {@code v} (an expression free of side effects). */
    static CodeBlock apply(ActivationFunction f, String v) {
        return switch (f) {
            case IDENTITY, SOFTMAX -> CodeBlock.of("$L", v);
            case SIGMOID -> CodeBlock.of("1.0 / (1.0 + $T.exp(-$L))", Math.class, v);
            // max, not v > 0 ? v : 0: the same value for every number and -0.0, NaN propagates as in the book's
            // Relu (and the DSL's), and the JIT compiles it without a branch that half the units mispredict.
            case RELU -> CodeBlock.of("$T.max($L, 0.0)", Math.class, v);
            case TANH -> CodeBlock.of("$T.tanh($L)", Math.class, v);
            case STEP -> throw new IllegalArgumentException("STEP has no gradient and is rejected by validation");
        };
    }

    /** Whether the activation is the identity, so backward needs no multiplication by its derivative. */
    static boolean isIdentity(ActivationFunction f) {
        return f == ActivationFunction.IDENTITY;
    }

    /**
     * The derivative expressed through the activation's output {@code z}, as the book's layers do
     * ({@code Sigmoid}: {@code out · (1 − out)}, {@code Relu}: the mask {@code x > 0}).
     */
    static CodeBlock derivative(ActivationFunction f, String z) {
        return switch (f) {
            case IDENTITY -> CodeBlock.of("1.0");
            case SOFTMAX -> throw new IllegalArgumentException("SOFTMAX is only a loss's output and has no element-wise derivative");
            case SIGMOID -> CodeBlock.of("$L * (1.0 - $L)", z, z);
            // The mask z > 0 without a branch: z = max(a, 0) is +0.0, positive or NaN, so min(1, ceil(z)) is 0.0 where
            // z = 0 and 1.0 where z > 0, exactly the mask's values. (A NaN z gives NaN where the mask gives 0, but a
            // NaN unit makes its whole row NaN downstream, so the gradient it multiplies is NaN either way.) Half the
            // units are off in no pattern: the branchy mask was mispredicted half the time, 31 against 1.6 µs
            // for 5,000 units.
            case RELU -> CodeBlock.of("$T.min(1.0, $T.ceil($L))", Math.class, Math.class, z);
            case TANH -> CodeBlock.of("(1.0 - $L * $L)", z, z);
            case STEP -> throw new IllegalArgumentException("STEP has no gradient and is rejected by validation");
        };
    }
}
