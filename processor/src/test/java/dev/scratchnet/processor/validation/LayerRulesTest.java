package dev.scratchnet.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.scratchnet.processor.validation.Compiling.compile;
import static dev.scratchnet.processor.validation.Compiling.declaration;
import static dev.scratchnet.processor.validation.Compiling.netWithoutImportOf;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules on one layer: reported on its field, at the annotation that is wrong. */
class LayerRulesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void unitsMustBePositive(int units) {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 50) @Activation(ActivationFunction.RELU) Dense hidden;",
                "    @Layer(units = " + units + ") Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetUnits] units must be positive, got " + units
                        + " (layer 2); set @Layer(units = …) to the number of outputs of this layer")
                .inFile(source)
                .onLineContaining("Dense output;");
    }

    @Test
    void layerJustUnderTheArrayLimitIsAccepted() {
        // 46340² = 2 147 395 600 weights, the largest square below Integer.MAX_VALUE - 8.
        Compilation compilation = compile(declaration("Net",
                "@Network(inputs = 46340)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 46340) Dense output;",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void layerWhoseWeightsOverflowAnArrayIsRejectedWithTheProduct() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 65536)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 32768) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetLayerTooLarge] layer 1 has 65536 inputs × 32768 units = 2147483648 weights,"
                        + " more than a Java array holds (2147483639); use fewer units")
                .inFile(source)
                .onLineContaining("Dense output;");
    }

    @Test
    void softmaxIsOnlyAllowedOnTheLastLayer() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 50)",
                "    @Activation(ActivationFunction.SOFTMAX)",
                "    Dense hidden;",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetSoftmaxHidden] SOFTMAX is only allowed on the last layer (layer 1 of 2);"
                        + " use SIGMOID, RELU or TANH here")
                .inFile(source)
                .onLineContaining("@Activation(ActivationFunction.SOFTMAX)");
    }

    @Test
    void stepIsRejectedBecauseItHasNoGradient() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 2)",
                "@Loss(LossFunction.MEAN_SQUARED_ERROR)",
                "class Net {",
                "    @Layer(units = 2)",
                "    @Activation(ActivationFunction.STEP)",
                "    Dense hidden;",
                "    @Layer(units = 1) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetStep] STEP has no gradient, so a trained network cannot use it (layer 1);"
                        + " use SIGMOID, its smooth version, or dev.scratchnet.runtime.Perceptrons for step-function gates")
                .inFile(source)
                .onLineContaining("@Activation(ActivationFunction.STEP)");
    }

    @ParameterizedTest
    @CsvSource({"SIGMOID", "RELU", "TANH"})
    void softmaxCrossEntropyRejectsAnActivationOnTheLastLayer(String activation) {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 10)",
                "    @Activation(ActivationFunction." + activation + ")",
                "    Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetLossActivation] SOFTMAX_CROSS_ENTROPY applies softmax itself, so the last layer"
                        + " must have no activation, not " + activation + "; remove it")
                .inFile(source)
                .onLineContaining("@Activation(ActivationFunction." + activation + ")");
    }

    @Test
    void crossEntropyNeedsSoftmaxOnTheLastLayer() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 50) @Activation(ActivationFunction.SOFTMAX) Dense hidden;",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("[NetSoftmaxHidden]").inFile(source).onLineContaining("Dense hidden;");
        assertThat(compilation)
                .hadErrorContaining("[NetLossActivation] CROSS_ENTROPY needs probabilities, so the last layer must be"
                        + " SOFTMAX, not IDENTITY; use SOFTMAX there, or SOFTMAX_CROSS_ENTROPY with no activation")
                .inFile(source)
                .onLineContaining("@Layer(units = 10) Dense output;");
    }

    @Test
    void meanSquaredErrorCannotFollowSoftmax() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.MEAN_SQUARED_ERROR)",
                "class Net {",
                "    @Layer(units = 10)",
                "    @Activation(ActivationFunction.SOFTMAX)",
                "    Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetLossActivation] MEAN_SQUARED_ERROR cannot follow SOFTMAX on the last layer;"
                        + " use SOFTMAX_CROSS_ENTROPY, or IDENTITY or SIGMOID for regression")
                .inFile(source)
                .onLineContaining("@Activation(ActivationFunction.SOFTMAX)");
    }

    @Test
    void layerFieldMustNotBeStatic() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 10) static Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetStaticLayer] a @Layer field must not be static: layers belong to one network"
                        + " declaration; remove static from output")
                .inFile(source)
                .onLineContaining("static Dense output;");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "int                                     | int",
        "String                                  | java.lang.String",
        "Dense[]                                 | dev.scratchnet.annotations.Dense[]",
        "java.util.List<Dense>                   | java.util.List<dev.scratchnet.annotations.Dense>",
        "dev.scratchnet.runtime.Parameter        | dev.scratchnet.runtime.Parameter",
    })
    void layerFieldMustBeDense(String declared, String shown) {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 10) " + declared + " output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetLayerType] a @Layer field must have type dev.scratchnet.annotations.Dense,"
                        + " not " + shown + "; declare it as `Dense output;`")
                .inFile(source)
                .onLineContaining(declared + " output;");
    }

    @Test
    void layerFieldOfAnotherClassNamedDenseIsRejected() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    static final class Dense {}",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetLayerType] a @Layer field must have type dev.scratchnet.annotations.Dense,"
                        + " not test.Net.Dense;")
                .inFile(source)
                .onLineContaining("@Layer(units = 10) Dense output;");
    }

    @Test
    void layerFieldOfAnUnresolvedTypeIsRejectedWithTheImportToAdd() {
        JavaFileObject source = netWithoutImportOf("Dense",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("[NetLayerType] a @Layer field must have type dev.scratchnet.annotations.Dense,"
                        + " not the unresolved type Dense; import dev.scratchnet.annotations.Dense and declare it as"
                        + " `Dense output;`")
                .inFile(source)
                .onLineContaining("Dense output;");
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source).onLineContaining("Dense output;");
    }

    /**
     * Annotations from a newer scratchnet can name a constant this processor has never heard of; javac accepts
     * it, so the processor must say why it cannot generate the network. The newer enum is compiled from source
     * here, which shadows the one on the class path.
     */
    @Test
    void activationUnknownToThisProcessorVersionIsReported() {
        JavaFileObject newerEnum = JavaFileObjects.forSourceLines("dev.scratchnet.annotations.ActivationFunction",
                "package dev.scratchnet.annotations;",
                "public enum ActivationFunction { IDENTITY, SIGMOID, RELU, TANH, STEP, SOFTMAX, GELU }");
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 50) @Activation(ActivationFunction.GELU) Dense hidden;",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compile(newerEnum, source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetUnknownConstant] ActivationFunction.GELU is not known to this version of"
                        + " scratchnet's processor; use the same scratchnet version for the annotations and the processor")
                .inFile(source)
                .onLineContaining("@Activation(ActivationFunction.GELU)");
    }
}
