package dev.scratchnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

/**
 * The one golden test: the source generated for the book's TwoLayerNet, compared with
 * {@code src/test/resources/golden/TwoLayerNetModel.java}. Every other test checks behaviour; this one shows
 * in review exactly what a change to the generator does to the code users read. When the generator changes
 * on purpose, regenerate the file from {@code samples/target/generated-sources} and review the diff.
 */
class GoldenSourceTest {
    @Test
    void twoLayerNetModelIsGeneratedAsTheGoldenSource() {
        Compilation compilation = Compiler.javac()
                .withProcessors(new NetworkProcessor())
                // -processing: javac notes that no processor claims the generated @Generated; the generated
                // code itself compiles under -Xlint:all -Werror (GeneratedModels compiles it so).
                .withOptions("-Xlint:all,-processing", "-Werror")
                .compile(JavaFileObjects.forSourceLines("dev.scratchnet.samples.TwoLayerNet",
                        "package dev.scratchnet.samples;",
                        "",
                        "import dev.scratchnet.annotations.Activation;",
                        "import dev.scratchnet.annotations.ActivationFunction;",
                        "import dev.scratchnet.annotations.Dense;",
                        "import dev.scratchnet.annotations.Layer;",
                        "import dev.scratchnet.annotations.Loss;",
                        "import dev.scratchnet.annotations.LossFunction;",
                        "import dev.scratchnet.annotations.Network;",
                        "",
                        "@Network(inputs = 784)",
                        "@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)",
                        "public class TwoLayerNet {",
                        "    @Layer(units = 50)",
                        "    @Activation(ActivationFunction.RELU)",
                        "    Dense hidden;",
                        "",
                        "    @Layer(units = 10)",
                        "    Dense output;",
                        "}"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("dev.scratchnet.samples.TwoLayerNetModel")
                .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/TwoLayerNetModel.java"));
    }
}
