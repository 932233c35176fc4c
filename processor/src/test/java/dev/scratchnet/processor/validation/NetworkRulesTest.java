package dev.scratchnet.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.scratchnet.processor.validation.Compiling.compile;
import static dev.scratchnet.processor.validation.Compiling.declaration;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules on the network as a whole: reported on the class, at its {@code @Network}. */
class NetworkRulesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, -784})
    void inputsMustBePositive(int inputs) {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = " + inputs + ")",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetInputs] inputs must be positive, got " + inputs
                        + "; set @Network(inputs = …) to the width of one input row (784 for MNIST)")
                .inFile(source)
                .onLineContaining("@Network(inputs = " + inputs + ")");
    }

    @Test
    void networkNeedsAtLeastOneLayer() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    Dense notALayer;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetNoLayers] a network needs at least one layer;"
                        + " add a field such as `@Layer(units = 10) Dense output;`")
                .inFile(source)
                .onLineContaining("@Network(inputs = 784)");
    }

    @Test
    void networkNeedsALoss() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 784)",
                "class Net {",
                "    @Layer(units = 10) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetMissingLoss] a network needs a loss;"
                        + " add @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY) for classification"
                        + " or @Loss(LossFunction.MEAN_SQUARED_ERROR) for regression")
                .inFile(source)
                .onLineContaining("@Network(inputs = 784)");
    }

    @Test
    void privateNetworkClassIsRejected() {
        JavaFileObject source = declaration("Outer",
                "class Outer {",
                "    @Network(inputs = 4)",
                "    @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "    private static class Net {",
                "        @Layer(units = 3) Dense output;",
                "    }",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetPrivateClass] a @Network class must not be private, nor nested in a private"
                        + " class: the generated NetModel in the same package uses it; make Net package-private or public")
                .inFile(source)
                .onLineContaining("@Network(inputs = 4)");
    }

    @Test
    void networkNestedInAPrivateClassNamesThePrivateClass() {
        JavaFileObject source = declaration("Outer",
                "class Outer {",
                "    private static class Hidden {",
                "        @Network(inputs = 4)",
                "        @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "        static class Net {",
                "            @Layer(units = 3) Dense output;",
                "        }",
                "    }",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("make Hidden package-private or public")
                .inFile(source)
                .onLineContaining("@Network(inputs = 4)");
    }

    @Test
    void nestedNetworkClassMustBeStatic() {
        JavaFileObject source = declaration("Outer",
                "class Outer {",
                "    @Network(inputs = 4)",
                "    @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "    class Net {",
                "        @Layer(units = 3) Dense output;",
                "    }",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetInnerClass] a nested @Network class must be static; make Net static or top-level")
                .inFile(source)
                .onLineContaining("@Network(inputs = 4)");
    }

    @Test
    void genericNetworkClassIsRejected() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 4)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net<T, U extends Number> {",
                "    @Layer(units = 3) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetGenericClass] a @Network class must not have type parameters: its layers are"
                        + " the same for every type argument; remove <T, U> from Net")
                .inFile(source)
                .onLineContaining("@Network(inputs = 4)");
    }

    @ParameterizedTest
    @CsvSource({
        "interface Net { @Layer(units = 3) Dense output = null; }, interface",
        "enum Net { ONE; @Layer(units = 3) Dense output; }, enum",
        "record Net(@Layer(units = 3) Dense output) {}, record",
        "@interface Net {}, annotation type",
    })
    void networkMustBeAClass(String declaration, String kind) {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 4)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                declaration);

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetNotClass] @Network goes on a class, not on the " + kind
                        + " Net; declare Net as a class")
                .inFile(source)
                .onLineContaining("@Network(inputs = 4)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2Fast", "Mnist Model", "com.example.MnistModel", "class", "var", "record", "_", "Net-Model"})
    void modelNameMustBeAJavaClassName(String name) {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 4, name = \"" + name + "\")",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 3) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetName] @Network(name = \"" + name + "\") is not a valid Java class name;"
                        + " use an identifier such as TwoLayerNetModel")
                .inFile(source)
                .onLineContaining("@Network(inputs = 4, name = ");
    }

    @Test
    void modelNameMustNotClashWithATypeInTheSources() {
        JavaFileObject existing = JavaFileObjects.forSourceLines("test.NetModel",
                "package test;",
                "class NetModel {}");
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 4)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 3) Dense output;",
                "}");

        Compilation compilation = compile(existing, source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetNameClash] the generated class NetModel clashes with an existing type"
                        + " test.NetModel; rename it with @Network(name = \"…\")")
                .inFile(source)
                .onLineContaining("@Network(inputs = 4)");
    }

    @Test
    void modelNamedAfterTheNetworkClassItselfClashes() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 4, name = \"Net\")",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 3) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetNameClash] the generated class Net clashes with an existing type test.Net;")
                .inFile(source)
                .onLineContaining("@Network(inputs = 4, name = \"Net\")");
    }

    @Test
    void trainerNameMustNotClashWithATypeInTheSources() {
        JavaFileObject existing = JavaFileObjects.forSourceLines("test.NetTrainer",
                "package test;",
                "class NetTrainer {}");
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 4)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 3) Dense output;",
                "}");

        Compilation compilation = compile(existing, source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetNameClash] the generated class NetTrainer clashes with an existing type"
                        + " test.NetTrainer;")
                .inFile(source)
                .onLineContaining("@Network(inputs = 4)");
    }

    @Test
    void twoNetworksMustNotAskForTheSameModelName() {
        JavaFileObject source = declaration("First",
                "@Network(inputs = 4, name = \"SharedModel\")",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class First {",
                "    @Layer(units = 3) Dense output;",
                "}",
                "@Network(inputs = 8, name = \"SharedModel\")",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Second {",
                "    @Layer(units = 3) Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[NetNameClash] the generated class SharedModel clashes with the one generated for"
                        + " test.First; rename it with @Network(name = \"…\")")
                .inFile(source)
                .onLineContaining("@Network(inputs = 8, name = \"SharedModel\")");
    }

    @Test
    void everyErrorInOneDeclarationIsReported() {
        JavaFileObject source = declaration("Net",
                "@Network(inputs = 0)",
                "class Net {",
                "    @Layer(units = 0) Dense first;",
                "    @Layer(units = -3) @Activation(ActivationFunction.SOFTMAX) Dense second;",
                "    @Layer(units = 10) static Dense output;",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(6);
        assertThat(compilation).hadErrorContaining("[NetInputs]").inFile(source).onLineContaining("@Network(inputs = 0)");
        assertThat(compilation).hadErrorContaining("[NetMissingLoss]").inFile(source).onLineContaining("@Network(inputs = 0)");
        assertThat(compilation).hadErrorContaining("[NetUnits] units must be positive, got 0 (layer 1)")
                .inFile(source).onLineContaining("Dense first;");
        assertThat(compilation).hadErrorContaining("[NetUnits] units must be positive, got -3 (layer 2)")
                .inFile(source).onLineContaining("Dense second;");
        assertThat(compilation).hadErrorContaining("[NetSoftmaxHidden] SOFTMAX is only allowed on the last layer (layer 2 of 3)")
                .inFile(source).onLineContaining("Dense second;");
        assertThat(compilation).hadErrorContaining("[NetStaticLayer]").inFile(source).onLineContaining("static Dense output;");
    }
}
