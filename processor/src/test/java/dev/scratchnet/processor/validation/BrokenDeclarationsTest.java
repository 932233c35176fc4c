package dev.scratchnet.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.scratchnet.processor.validation.Compiling.compileWithoutGenerating;
import static dev.scratchnet.processor.validation.Compiling.declaration;
import static dev.scratchnet.processor.validation.Compiling.netWithoutImportOf;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of broken declarations, from rule violations to code that does not type-check. Each must fail to
 * compile, without the processor failing ({@code [NetInternal]}, or an exception out of javac) and without
 * generating anything that could bury the real error under follow-on errors.
 */
class BrokenDeclarationsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void brokenDeclarationFailsWithoutCrashingOrGenerating(JavaFileObject source) {
        Compilation compilation = compileWithoutGenerating(source);

        assertThat(compilation).failed();
    }

    private static Named<JavaFileObject> broken(String description, String... lines) {
        return Named.of(description, declaration("Net", lines));
    }

    private static Named<JavaFileObject> brokenSource(String description, JavaFileObject source) {
        return Named.of(description, source);
    }

    private static final String NETWORK = "@Network(inputs = 784)";
    private static final String LOSS = "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)";
    private static final String OUTPUT = "    @Layer(units = 10) Dense output;";

    static Stream<Named<JavaFileObject>> corpus() {
        return Stream.of(
                // Values javac cannot attribute.
                broken("unknown activation constant",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = 10) @Activation(ActivationFunction.GELU) Dense output;", "}"),
                broken("unknown loss constant",
                        NETWORK, "@Loss(LossFunction.HINGE)", "class Net {", OUTPUT, "}"),
                broken("unknown init constant",
                        NETWORK, LOSS, "@Init(InitMethod.LECUN)", "class Net {", OUTPUT, "}"),
                broken("activation constant without its enum",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = 10) @Activation(SIGMOID) Dense output;", "}"),
                broken("activation from the runtime's enum of the same name",
                        NETWORK, LOSS, "class Net {",
                        "    @Layer(units = 10) @Activation(dev.scratchnet.annotations.ActivationFunction.SIGMOID) Dense output;", "}"),
                broken("activation constant of an unknown enum",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = 10) @Activation(Activations.RELU) Dense output;", "}"),
                broken("activation null",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = 10) @Activation(null) Dense output;", "}"),
                broken("units given as a string",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = \"x\") Dense output;", "}"),
                broken("units not a constant expression",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = Integer.parseInt(\"10\")) Dense output;", "}"),
                broken("units from an unknown constant",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = Sizes.OUTPUT) Dense output;", "}"),
                broken("units missing",
                        NETWORK, LOSS, "class Net {", "    @Layer Dense output;", "}"),
                broken("inputs missing",
                        "@Network", LOSS, "class Net {", OUTPUT, "}"),
                broken("inputs a long",
                        "@Network(inputs = 784L)", LOSS, "class Net {", OUTPUT, "}"),
                broken("inputs from an unknown constant",
                        "@Network(inputs = Mnist.PIXELS)", LOSS, "class Net {", OUTPUT, "}"),
                broken("name given as a number",
                        "@Network(inputs = 784, name = 42)", LOSS, "class Net {", OUTPUT, "}"),
                broken("name from an unknown constant",
                        "@Network(inputs = 784, name = Names.MODEL)", LOSS, "class Net {", OUTPUT, "}"),
                broken("unknown attribute",
                        "@Network(inputs = 784, outputs = 10)", LOSS, "class Net {", OUTPUT, "}"),
                // Annotations that do not resolve, or sit where they cannot apply.
                brokenSource("Dense not imported", netWithoutImportOf("Dense", NETWORK, LOSS, "class Net {", OUTPUT, "}")),
                brokenSource("Layer not imported", netWithoutImportOf("Layer", NETWORK, LOSS, "class Net {", OUTPUT, "}")),
                brokenSource("Activation not imported, with a loss that needs it",
                        netWithoutImportOf("Activation", NETWORK, "@Loss(LossFunction.CROSS_ENTROPY)", "class Net {",
                                "    @Layer(units = 10) @Activation(ActivationFunction.SOFTMAX) Dense output;", "}")),
                brokenSource("Loss not imported", netWithoutImportOf("Loss", NETWORK, LOSS, "class Net {", OUTPUT, "}")),
                brokenSource("Init not imported, on the class",
                        netWithoutImportOf("Init", NETWORK, LOSS, "@Init(InitMethod.HE)", "class Net {", OUTPUT, "}")),
                broken("misspelled annotation on a layer",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = 10) @Activaton(ActivationFunction.RELU) Dense output;", "}"),
                broken("layer field of an unknown type",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = 10) Dnese output;", "}"),
                broken("duplicate @Layer on one field",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = 10) @Layer(units = 5) Dense output;", "}"),
                broken("duplicate @Activation on one field",
                        NETWORK, LOSS, "class Net {",
                        "    @Layer(units = 10) @Activation(ActivationFunction.RELU) @Activation(ActivationFunction.TANH) Dense output;",
                        "}"),
                broken("duplicate @Network",
                        NETWORK, "@Network(inputs = 10)", LOSS, "class Net {", OUTPUT, "}"),
                broken("@Layer on a method",
                        NETWORK, LOSS, "class Net {", OUTPUT, "    @Layer(units = 3) void extra() {}", "}"),
                broken("@Network on a field",
                        LOSS, "class Net {", "    @Network(inputs = 3) Dense output;", "}"),
                broken("@Loss on a field",
                        NETWORK, "class Net {", "    @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY) @Layer(units = 10) Dense output;", "}"),
                // Declarations that type-check but break a rule.
                broken("@Network on an interface",
                        NETWORK, LOSS, "interface Net {", "    @Layer(units = 10) Dense output = null;", "}"),
                broken("@Network on an enum",
                        NETWORK, LOSS, "enum Net {", "    A;", OUTPUT, "}"),
                broken("@Network on a record",
                        NETWORK, LOSS, "record Net(@Layer(units = 10) Dense output) {}"),
                broken("@Network on an annotation type",
                        NETWORK, LOSS, "@interface Net {}"),
                broken("generic network class",
                        NETWORK, LOSS, "class Net<T> {", OUTPUT, "}"),
                broken("private nested network",
                        "class Net {", "    " + NETWORK, "    " + LOSS, "    private static class Inner {", "    " + OUTPUT, "    }", "}"),
                broken("inner network",
                        "class Net {", "    " + NETWORK, "    " + LOSS, "    class Inner {", "    " + OUTPUT, "    }", "}"),
                broken("no layers and no loss",
                        NETWORK, "class Net {}"),
                broken("zero inputs, negative units, missing loss",
                        "@Network(inputs = 0)", "class Net {", "    @Layer(units = -1) Dense output;", "}"),
                broken("units Integer.MIN_VALUE",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = Integer.MIN_VALUE) Dense output;", "}"),
                broken("layer too large for an array",
                        "@Network(inputs = 2147483647)", LOSS, "class Net {", "    @Layer(units = 2) Dense output;", "}"),
                broken("softmax on a hidden layer and step on the last",
                        NETWORK, "@Loss(LossFunction.CROSS_ENTROPY)", "class Net {",
                        "    @Layer(units = 50) @Activation(ActivationFunction.SOFTMAX) Dense hidden;",
                        "    @Layer(units = 10) @Activation(ActivationFunction.STEP) Dense output;", "}"),
                broken("static layer of the wrong type",
                        NETWORK, LOSS, "class Net {", "    @Layer(units = 10) static int output;", "}"),
                broken("layer field typed with a shadowing Dense",
                        NETWORK, LOSS, "class Net {", "    static class Dense {}", OUTPUT, "}"),
                broken("model name with a dot",
                        "@Network(inputs = 784, name = \"com.example.Model\")", LOSS, "class Net {", OUTPUT, "}"),
                broken("model name that is a keyword",
                        "@Network(inputs = 784, name = \"class\")", LOSS, "class Net {", OUTPUT, "}"),
                broken("model named after its own class",
                        "@Network(inputs = 784, name = \"Net\")", LOSS, "class Net {", OUTPUT, "}"),
                broken("model name clashing with a class in the same file",
                        NETWORK, LOSS, "class Net {", OUTPUT, "}", "class NetModel {}"),
                broken("stray @Activation beside a valid layer",
                        NETWORK, LOSS, "class Net {", "    @Activation(ActivationFunction.RELU) Dense hidden;", OUTPUT, "}"),
                broken("stray @Init beside a valid layer",
                        NETWORK, LOSS, "class Net {", "    @Init(InitMethod.HE) Dense hidden;", OUTPUT, "}"),
                broken("layers without @Network",
                        LOSS, "class Net {", OUTPUT, "}"));
    }
}
