package dev.scratchnet.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.scratchnet.processor.validation.Compiling.compile;
import static dev.scratchnet.processor.validation.Compiling.declaration;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Annotations that would silently do nothing are errors, on the annotation that does nothing. */
class StrayAnnotationsTest {

    @Test
    void activationWithoutLayerIsReportedOnItsField() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Activation(ActivationFunction.RELU) Dense hidden;",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetActivationWithoutLayer] @Activation has no effect without @Layer;"
                        + " add @Layer(units = …) to hidden or remove @Activation")
                .inFile(source)
                .onLineContaining("Dense hidden;");
    }

    @Test
    void initWithoutLayerIsReportedOnItsField() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Init(InitMethod.HE) Dense hidden;",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetInitWithoutLayer] @Init on a field has no effect without @Layer;"
                        + " add @Layer(units = …) to hidden or remove @Init")
                .inFile(source)
                .onLineContaining("Dense hidden;");
    }

    @Test
    void layerOutsideANetworkClassIsReportedOnEachField() {
        JavaFileObject source = declaration("Net",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 50) @Activation(ActivationFunction.RELU) Dense hidden;",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation)
                .hadErrorContaining("[NetLayerOutsideNetwork] @Layer fields are only read in a @Network class;"
                        + " annotate Net with @Network(inputs = …)")
                .inFile(source)
                .onLineContaining("Dense hidden;");
        assertThat(compilation).hadErrorContaining("[NetLayerOutsideNetwork]").inFile(source).onLineContaining("Dense output;");
        assertThat(compilation)
                .hadErrorContaining("[NetLossWithoutNetwork] @Loss has no effect without @Network;"
                        + " annotate Net with @Network(inputs = …) or remove @Loss")
                .inFile(source)
                .onLineContaining("@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)");
    }

    @Test
    void layerInAClassNestedInANetworkIsOutsideTheNetwork() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 10) Dense output;",
                "    static class Part {",
                "        @Layer(units = 5) Dense misplaced;",
                "    }",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("annotate Part with @Network(inputs = …)")
                .inFile(source)
                .onLineContaining("Dense misplaced;");
    }

    @Test
    void initOnAClassWithoutNetworkIsReported() {
        JavaFileObject source = declaration("Defaults",
                "@Init(InitMethod.XAVIER)",
                "class Defaults {}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetInitWithoutNetwork] @Init on a class has no effect without @Network;"
                        + " annotate Defaults with @Network(inputs = …) or remove @Init")
                .inFile(source)
                .onLineContaining("@Init(InitMethod.XAVIER)");
    }
}
