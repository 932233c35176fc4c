package dev.scratchnet.processor.validation;

import static com.google.common.truth.Truth.assertThat;
import static dev.scratchnet.processor.validation.Compiling.declaration;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.processor.model.LayerSpec;
import dev.scratchnet.processor.model.NetworkSpec;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The spec a declaration turns into: what code generation will work from. */
class NetworkSpecTest {

    private static List<NetworkSpec> specsOf(JavaFileObject... sources) {
        SpecCapture capture = new SpecCapture();
        Compilation compilation = Compiling.javac().withProcessors(capture).compile(sources);
        assertThat(compilation.errors()).isEmpty();
        return capture.specs();
    }

    @Test
    void bookTwoLayerNetChainsEachLayersInputsFromThePreviousUnits() {
        List<NetworkSpec> specs = specsOf(declaration("TwoLayerNet",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "public class TwoLayerNet {",
                "    @Layer(units = 50) @Activation(ActivationFunction.RELU) Dense hidden;",
                "    Dense notALayer;",
                "    @Layer(units = 10) Dense output;",
                "}"));

        assertThat(specs).containsExactly(new NetworkSpec("test", "test.TwoLayerNet", "TwoLayerNetModel",
                "TwoLayerNetTrainer", 784,
                List.of(new LayerSpec("hidden", 1, 784, 50, ActivationFunction.RELU, InitMethod.BOOK),
                        new LayerSpec("output", 2, 50, 10, ActivationFunction.IDENTITY, InitMethod.BOOK)),
                LossFunction.SOFTMAX_CROSS_ENTROPY));
    }

    @Test
    void layersKeepDeclarationOrderNotAlphabeticalOrder() {
        List<NetworkSpec> specs = specsOf(declaration("Net",
                "@Network(inputs = 5)",
                "@Loss(LossFunction.MEAN_SQUARED_ERROR)",
                "class Net {",
                "    @Layer(units = 4) @Activation(ActivationFunction.TANH) Dense zeta;",
                "    @Layer(units = 3) @Activation(ActivationFunction.SIGMOID) Dense alpha;",
                "    @Layer(units = 2) @Activation(ActivationFunction.RELU) Dense mu;",
                "    @Layer(units = 1) Dense beta;",
                "}"));

        assertThat(specs).hasSize(1);
        assertThat(specs.get(0).layers()).containsExactly(
                new LayerSpec("zeta", 1, 5, 4, ActivationFunction.TANH, InitMethod.BOOK),
                new LayerSpec("alpha", 2, 4, 3, ActivationFunction.SIGMOID, InitMethod.BOOK),
                new LayerSpec("mu", 3, 3, 2, ActivationFunction.RELU, InitMethod.BOOK),
                new LayerSpec("beta", 4, 2, 1, ActivationFunction.IDENTITY, InitMethod.BOOK)).inOrder();
        assertThat(specs.get(0).loss()).isEqualTo(LossFunction.MEAN_SQUARED_ERROR);
    }

    @Test
    void initOnAFieldOverridesInitOnTheClassWhichOverridesTheBooksDefault() {
        List<NetworkSpec> specs = specsOf(declaration("Nets",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "@Init(InitMethod.XAVIER)",
                "class Nets {",
                "    @Layer(units = 100) @Activation(ActivationFunction.RELU) @Init(InitMethod.HE) Dense first;",
                "    @Layer(units = 50) @Activation(ActivationFunction.SIGMOID) Dense second;",
                "    @Layer(units = 10) Dense output;",
                "}",
                "@Network(inputs = 2)",
                "@Loss(LossFunction.MEAN_SQUARED_ERROR)",
                "class Plain {",
                "    @Layer(units = 1) @Init(InitMethod.HE) Dense output;",
                "}"));

        assertThat(specs).hasSize(2);
        assertThat(specs.get(0).layers().stream().map(LayerSpec::init).toList())
                .containsExactly(InitMethod.HE, InitMethod.XAVIER, InitMethod.XAVIER).inOrder();
        assertThat(specs.get(1).layers().get(0).init()).isEqualTo(InitMethod.HE);
    }

    @Test
    void nestedNetworkIsNamedByItsCanonicalNameAndItsModelByItsSimpleName() {
        List<NetworkSpec> specs = specsOf(declaration("Gates",
                "class Gates {",
                "    @Network(inputs = 2)",
                "    @Loss(LossFunction.MEAN_SQUARED_ERROR)",
                "    static class Xor {",
                "        @Layer(units = 2) @Activation(ActivationFunction.SIGMOID) Dense hidden;",
                "        @Layer(units = 1) @Activation(ActivationFunction.SIGMOID) Dense output;",
                "    }",
                "}"));

        assertThat(specs).hasSize(1);
        NetworkSpec xor = specs.get(0);
        assertThat(xor.packageName()).isEqualTo("test");
        assertThat(xor.declaringClass()).isEqualTo("test.Gates.Xor");
        assertThat(xor.declaringSimpleName()).isEqualTo("Xor");
        assertThat(xor.modelName()).isEqualTo("XorModel");
        assertThat(xor.trainerName()).isEqualTo("XorTrainer");
    }

    @Test
    void networkInTheUnnamedPackageHasAnEmptyPackageName() {
        List<NetworkSpec> specs = specsOf(JavaFileObjects.forSourceLines("Net",
                "import dev.scratchnet.annotations.*;",
                "@Network(inputs = 4)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 3) Dense output;",
                "}"));

        assertThat(specs).hasSize(1);
        assertThat(specs.get(0).packageName()).isEmpty();
        assertThat(specs.get(0).declaringClass()).isEqualTo("Net");
    }

    @Test
    void givenNameIsTheModelAndTheTrainerReplacesItsTrailingModel() {
        List<NetworkSpec> specs = specsOf(declaration("Nets",
                "@Network(inputs = 784, name = \"MnistModel\")",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Nets {",
                "    @Layer(units = 10) Dense output;",
                "}",
                "@Network(inputs = 784, name = \"Digits\")",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Other {",
                "    @Layer(units = 10) Dense output;",
                "}",
                "@Network(inputs = 784, name = \"\")",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Unnamed {",
                "    @Layer(units = 10) Dense output;",
                "}"));

        assertThat(specs.stream().map(spec -> spec.modelName() + "/" + spec.trainerName()).toList())
                .containsExactly("MnistModel/MnistTrainer", "Digits/DigitsTrainer", "UnnamedModel/UnnamedTrainer")
                .inOrder();
    }

    @Test
    void trainerNameReplacesOnlyATrailingModel() {
        assertThat(NetworkValidator.trainerName("TwoLayerNetModel")).isEqualTo("TwoLayerNetTrainer");
        assertThat(NetworkValidator.trainerName("Mnist")).isEqualTo("MnistTrainer");
        assertThat(NetworkValidator.trainerName("ModelOfDigits")).isEqualTo("ModelOfDigitsTrainer");
        assertThat(NetworkValidator.trainerName("Model")).isEqualTo("Trainer");
    }

    @Test
    void softmaxOnTheLastLayerBeforeSoftmaxCrossEntropyBecomesIdentity() {
        List<NetworkSpec> specs = specsOf(declaration("Net",
                "@Network(inputs = 4)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 3) @Activation(ActivationFunction.SOFTMAX) Dense output;",
                "}"));

        assertThat(specs).hasSize(1);
        assertThat(specs.get(0).lastLayer().activation()).isEqualTo(ActivationFunction.IDENTITY);
    }

    @Test
    void invalidNetworkProducesNoSpecWhileAValidOneBesideItDoes() {
        SpecCapture capture = new SpecCapture();
        Compilation compilation = Compiling.javac().withProcessors(capture).compile(declaration("Nets",
                "@Network(inputs = 4)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Broken {",
                "    @Layer(units = 0) Dense output;",
                "}",
                "@Network(inputs = 4)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Valid {",
                "    @Layer(units = 3) Dense output;",
                "}"));

        assertThat(compilation.errors()).hasSize(1);
        assertThat(capture.specs().stream().map(NetworkSpec::declaringClass).toList()).containsExactly("test.Valid");
    }
}
