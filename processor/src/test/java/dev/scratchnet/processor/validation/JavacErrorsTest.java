package dev.scratchnet.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.scratchnet.processor.validation.Compiling.compileWithoutGenerating;
import static dev.scratchnet.processor.validation.Compiling.declaration;
import static dev.scratchnet.processor.validation.Compiling.netWithoutImportOf;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Where javac reports a mistake itself, the validator adds nothing — in particular no error about a mistake the
 * user did not make, such as a missing @Layer whose import is what is missing — and generates nothing.
 */
class JavacErrorsTest {

    @Test
    void unresolvedConstantsInEveryAttributeAreLeftToJavac() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = Mnist.PIXELS, name = Names.MODEL)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = Sizes.OUTPUT) Dense output;",
                "}");

        Compilation compilation = compileWithoutGenerating(source);

        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation).hadErrorContaining("variable Mnist").inFile(source).onLineContaining("@Network(");
        assertThat(compilation).hadErrorContaining("variable Names").inFile(source).onLineContaining("@Network(");
        assertThat(compilation).hadErrorContaining("variable Sizes").inFile(source).onLineContaining("@Layer(");
    }

    @Test
    void unknownAttributeIsLeftToJavac() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784, outputs = 10)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compileWithoutGenerating(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source).onLineContaining("outputs = 10");
    }

    @Test
    void missingImportOfLayerIsLeftToJavacInsteadOfClaimingThereAreNoLayers() {
        JavaFileObject source = netWithoutImportOf("Layer",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compileWithoutGenerating(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source).onLineContaining("@Layer(units = 10)");
    }

    @Test
    void missingImportOfLossIsLeftToJavacInsteadOfClaimingTheLossIsMissing() {
        JavaFileObject source = netWithoutImportOf("Loss",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compileWithoutGenerating(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source).onLineContaining("@Loss(");
    }

    @Test
    void missingImportOfActivationIsLeftToJavacInsteadOfAssumingIdentity() {
        JavaFileObject source = netWithoutImportOf("Activation",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 10) @Activation(ActivationFunction.SOFTMAX) Dense output;",
                "}");

        Compilation compilation = compileWithoutGenerating(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source).onLineContaining("@Activation(");
    }
}
