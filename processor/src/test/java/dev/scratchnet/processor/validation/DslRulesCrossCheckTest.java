package dev.scratchnet.processor.validation;

import static dev.scratchnet.annotations.ActivationFunction.RELU;
import static dev.scratchnet.annotations.ActivationFunction.SIGMOID;
import static dev.scratchnet.annotations.ActivationFunction.SOFTMAX;
import static dev.scratchnet.annotations.ActivationFunction.STEP;
import static dev.scratchnet.annotations.ActivationFunction.TANH;
import static dev.scratchnet.annotations.LossFunction.CROSS_ENTROPY;
import static dev.scratchnet.annotations.LossFunction.MEAN_SQUARED_ERROR;
import static dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY;
import static dev.scratchnet.processor.validation.Compiling.declaration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.scratchnet.runtime.dsl.InvalidNetworkException;
import dev.scratchnet.runtime.dsl.NetworkBuilder;
import dev.scratchnet.runtime.dsl.Networks;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One mistake reads the same through either front door: for each rule the processor and the run-time DSL share,
 * an annotated network and the DSL network with the same mistake are reported with the same tag and rule sentence,
 * the part of the message before {@code "; "}. Only the fix after it differs, naming each front door's syntax.
 */
class DslRulesCrossCheckTest {
    /** A broken network written both ways: {@code java} is the body of {@code test.<name>}. */
    record Case(String name, String tag, List<String> java, Supplier<NetworkBuilder> dsl) {
        JavaFileObject source() {
            return declaration(name, java.toArray(String[]::new));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("SoftmaxHidden", "[NetSoftmaxHidden]", List.of(
                    "@Network(inputs = 4) @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                    "class SoftmaxHidden {",
                    "    @Layer(units = 5) @Activation(ActivationFunction.SOFTMAX) Dense hidden;",
                    "    @Layer(units = 3) Dense output;",
                    "}"),
                    () -> Networks.builder(4).dense(5, SOFTMAX).dense(3).loss(SOFTMAX_CROSS_ENTROPY)),
            new Case("Step", "[NetStep]", List.of(
                    "@Network(inputs = 4) @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                    "class Step {",
                    "    @Layer(units = 5) @Activation(ActivationFunction.STEP) Dense hidden;",
                    "    @Layer(units = 3) Dense output;",
                    "}"),
                    () -> Networks.builder(4).dense(5, STEP).dense(3).loss(SOFTMAX_CROSS_ENTROPY)),
            new Case("Units", "[NetUnits]", List.of(
                    "@Network(inputs = 4) @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                    "class Units {",
                    "    @Layer(units = 5) @Activation(ActivationFunction.RELU) Dense hidden;",
                    "    @Layer(units = -3) Dense output;",
                    "}"),
                    () -> Networks.builder(4).dense(5, RELU).dense(-3).loss(SOFTMAX_CROSS_ENTROPY)),
            new Case("Inputs", "[NetInputs]", List.of(
                    "@Network(inputs = 0) @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                    "class Inputs {",
                    "    @Layer(units = 3) Dense output;",
                    "}"),
                    () -> Networks.builder(0).dense(3).loss(SOFTMAX_CROSS_ENTROPY)),
            new Case("NoLayers", "[NetNoLayers]", List.of(
                    "@Network(inputs = 4) @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                    "class NoLayers {",
                    "}"),
                    () -> Networks.builder(4).loss(SOFTMAX_CROSS_ENTROPY)),
            new Case("MissingLoss", "[NetMissingLoss]", List.of(
                    "@Network(inputs = 4)",
                    "class MissingLoss {",
                    "    @Layer(units = 3) Dense output;",
                    "}"),
                    () -> Networks.builder(4).dense(3)),
            new Case("SoftmaxCrossEntropyAfterSigmoid", "[NetLossActivation]", List.of(
                    "@Network(inputs = 4) @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                    "class SoftmaxCrossEntropyAfterSigmoid {",
                    "    @Layer(units = 3) @Activation(ActivationFunction.SIGMOID) Dense output;",
                    "}"),
                    () -> Networks.builder(4).dense(3, SIGMOID).loss(SOFTMAX_CROSS_ENTROPY)),
            new Case("CrossEntropyAfterTanh", "[NetLossActivation]", List.of(
                    "@Network(inputs = 4) @Loss(LossFunction.CROSS_ENTROPY)",
                    "class CrossEntropyAfterTanh {",
                    "    @Layer(units = 3) @Activation(ActivationFunction.TANH) Dense output;",
                    "}"),
                    () -> Networks.builder(4).dense(3, TANH).loss(CROSS_ENTROPY)),
            new Case("MeanSquaredErrorAfterSoftmax", "[NetLossActivation]", List.of(
                    "@Network(inputs = 4) @Loss(LossFunction.MEAN_SQUARED_ERROR)",
                    "class MeanSquaredErrorAfterSoftmax {",
                    "    @Layer(units = 3) @Activation(ActivationFunction.SOFTMAX) Dense output;",
                    "}"),
                    () -> Networks.builder(4).dense(3, SOFTMAX).loss(MEAN_SQUARED_ERROR)),
            new Case("EverythingAtOnce", "[NetInputs]", List.of(
                    "@Network(inputs = -1)",
                    "class EverythingAtOnce {",
                    "    @Layer(units = 0) @Activation(ActivationFunction.STEP) Dense first;",
                    "    @Layer(units = 5) @Activation(ActivationFunction.SOFTMAX) Dense second;",
                    "    @Layer(units = 3) Dense output;",
                    "}"),
                    () -> Networks.builder(-1).dense(0, STEP).dense(5, SOFTMAX).dense(3)));

    private static Compilation compilation;

    /** One javac run for every declaration; each case reads the errors of its own source. */
    @BeforeAll
    static void compileAllDeclarations() {
        compilation = Compiling.compile(CASES.stream().map(Case::source).toArray(JavaFileObject[]::new));
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void processorAndDslReportTheSameRuleSentences(Case broken) {
        String file = broken.source().getName();
        List<String> processor = compilation.errors().stream()
                .filter(error -> error.getSource() != null && error.getSource().getName().equals(file))
                .map(error -> ruleSentence(error.getMessage(Locale.ROOT)))
                .sorted()
                .toList();
        InvalidNetworkException invalid = assertThrows(InvalidNetworkException.class, () -> broken.dsl().get().build());
        List<String> dsl = invalid.getViolations().stream().map(DslRulesCrossCheckTest::ruleSentence).sorted().toList();

        assertTrue(dsl.stream().anyMatch(sentence -> sentence.startsWith(broken.tag())), broken.tag() + " in " + dsl);
        assertEquals(dsl, processor);
    }

    /** The tag and rule of a message {@code [Tag] rule; fix}. */
    private static String ruleSentence(String message) {
        int end = message.indexOf("; ");
        assertTrue(message.startsWith("[") && end > 0, "not a [Tag] rule; fix message: " + message);
        return message.substring(0, end);
    }
}
