package dev.scratchnet.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.scratchnet.processor.validation.Compiling.compile;
import static dev.scratchnet.processor.validation.Compiling.declaration;

import com.google.common.truth.Truth;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declarations the validator accepts: they compile without errors and their generated classes can be used. */
class ValidNetworksTest {

    private static JavaFileObject bookTwoLayerNet() {
        return declaration("TwoLayerNet",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "public class TwoLayerNet {",
                "    @Layer(units = 50) @Activation(ActivationFunction.RELU) Dense hidden;",
                "    @Layer(units = 10) Dense output;",
                "}");
    }

    @Test
    void bookTwoLayerNetCompilesAndItsModelAndTrainerCanBeUsed() {
        JavaFileObject user = JavaFileObjects.forSourceLines("test.User",
                "package test;",
                "class User {",
                "    TwoLayerNetModel model;",
                "    TwoLayerNetTrainer trainer;",
                "}");

        Compilation compilation = compile(bookTwoLayerNet(), user);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.TwoLayerNetModel");
        assertThat(compilation).generatedSourceFile("test.TwoLayerNetTrainer");
    }

    @Test
    void threeHiddenLayerNetworkWithSoftmaxAndCrossEntropyCompiles() {
        Compilation compilation = compile(declaration("DeepNet",
                "@Network(inputs = 784)",
                "@Loss(LossFunction.CROSS_ENTROPY)",
                "@Init(InitMethod.XAVIER)",
                "class DeepNet {",
                "    @Layer(units = 100) @Activation(ActivationFunction.SIGMOID) Dense first;",
                "    @Layer(units = 100) @Activation(ActivationFunction.TANH) Dense second;",
                "    @Layer(units = 50) @Activation(ActivationFunction.RELU) @Init(InitMethod.HE) Dense third;",
                "    @Layer(units = 10) @Activation(ActivationFunction.SOFTMAX) Dense output;",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.DeepNetModel");
    }

    @Test
    void meanSquaredErrorRegressionNetworksCompileWithIdentityOrSigmoidOutput() {
        Compilation compilation = compile(declaration("Regression",
                "@Network(inputs = 3)",
                "@Loss(LossFunction.MEAN_SQUARED_ERROR)",
                "class Regression {",
                "    @Layer(units = 8) @Activation(ActivationFunction.TANH) Dense hidden;",
                "    @Layer(units = 1) Dense output;",
                "}",
                "@Network(inputs = 2)",
                "@Loss(LossFunction.MEAN_SQUARED_ERROR)",
                "class Squashed {",
                "    @Layer(units = 1) @Activation(ActivationFunction.SIGMOID) Dense output;",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.RegressionModel");
        assertThat(compilation).generatedSourceFile("test.SquashedModel");
    }

    @Test
    void softmaxOnTheLastLayerIsAllowedWithSoftmaxCrossEntropy() {
        Compilation compilation = compile(declaration("Net",
                "@Network(inputs = 4)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 3) @Activation(ActivationFunction.SOFTMAX) Dense output;",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void staticNestedNetworksCompileIncludingImplicitlyStaticOnesInAnInterface() {
        Compilation compilation = compile(declaration("Outer",
                "class Outer {",
                "    @Network(inputs = 2)",
                "    @Loss(LossFunction.MEAN_SQUARED_ERROR)",
                "    static class Xor {",
                "        @Layer(units = 2) @Activation(ActivationFunction.SIGMOID) Dense hidden;",
                "        @Layer(units = 1) Dense output;",
                "    }",
                "}",
                "interface Holder {",
                "    @Network(inputs = 2)",
                "    @Loss(LossFunction.MEAN_SQUARED_ERROR)",
                "    class And {",
                "        @Layer(units = 1) Dense output;",
                "    }",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.XorModel");
        assertThat(compilation).generatedSourceFile("test.AndModel");
    }

    @Test
    void abstractNetworkClassesCompileBecauseTheyAreNeverInstantiated() {
        Compilation compilation = compile(declaration("Net",
                "@Network(inputs = 4)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "abstract class Net {",
                "    @Layer(units = 3) Dense output;",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.NetModel");
    }

    @Test
    void namedNetworksGenerateTheGivenModelAndAMatchingTrainer() {
        Compilation compilation = compile(declaration("Nets",
                "@Network(inputs = 784, name = \"MnistModel\")",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Nets {",
                "    @Layer(units = 10) Dense output;",
                "}",
                "@Network(inputs = 784, name = \"Digits\")",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Other {",
                "    @Layer(units = 10) Dense output;",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.MnistModel");
        assertThat(compilation).generatedSourceFile("test.MnistTrainer");
        assertThat(compilation).generatedSourceFile("test.Digits");
        assertThat(compilation).generatedSourceFile("test.DigitsTrainer");
    }

    @Test
    void networkInTheUnnamedPackageCompiles() {
        Compilation compilation = compile(JavaFileObjects.forSourceLines("Net",
                "import dev.scratchnet.annotations.*;",
                "@Network(inputs = 4)",
                "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                "class Net {",
                "    @Layer(units = 3) Dense output;",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("NetModel");
    }

    /**
     * An IDE or incremental build recompiles with its previous output on the class path, so the model it
     * generated last time is found by name; that must not count as a clash.
     */
    @Test
    void modelFromAnEarlierBuildOnTheClassPathIsNotAClash(@TempDir Path earlierOutput) throws IOException {
        Compilation earlier = compile(bookTwoLayerNet());
        assertThat(earlier).succeeded();
        for (JavaFileObject file : earlier.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                Path target = earlierOutput.resolve(file.toUri().getPath().replaceFirst(".*/CLASS_OUTPUT/", ""));
                Files.createDirectories(target.getParent());
                try (InputStream in = file.openInputStream()) {
                    Files.copy(in, target);
                }
            }
        }
        Truth.assertThat(Files.exists(earlierOutput.resolve("test/TwoLayerNetModel.class"))).isTrue();
        List<File> classPath = new ArrayList<>(Compiling.classPath());
        classPath.add(earlierOutput.toFile());

        Compilation again = compile(Compiler.javac().withClasspath(classPath), bookTwoLayerNet());

        assertThat(again).succeededWithoutWarnings();
        assertThat(again).generatedSourceFile("test.TwoLayerNetModel");
    }
}
