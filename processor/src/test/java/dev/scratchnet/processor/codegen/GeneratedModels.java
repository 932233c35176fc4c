package dev.scratchnet.processor.codegen;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.palantir.javapoet.JavaFile;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.processor.model.LayerSpec;
import dev.scratchnet.processor.model.NetworkSpec;
import dev.scratchnet.runtime.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Compiles generated models in memory and loads them, so tests can run the generated code itself. */
final class GeneratedModels {
    private GeneratedModels() {}

    /** A spec for a network of the given layer widths and activations (one activation per layer). */
    static NetworkSpec spec(String name, int inputs, int[] units, ActivationFunction[] activations, LossFunction loss) {
        List<LayerSpec> layers = new ArrayList<>();
        int in = inputs;
        for (int k = 0; k < units.length; k++) {
            String layerName = k == units.length - 1 ? "output" : "hidden" + (k + 1);
            layers.add(new LayerSpec(layerName, k + 1, in, units[k], activations[k], InitMethod.BOOK));
            in = units[k];
        }
        return new NetworkSpec("test.nets", "test.nets." + name, name + "Model", name + "Trainer", inputs, layers, loss);
    }

    static JavaFile source(NetworkSpec spec) {
        return JavaFile.builder(spec.packageName(), ModelGenerator.generate(spec).build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    static JavaFile trainerSource(NetworkSpec spec) {
        return JavaFile.builder(spec.packageName(), TrainerGenerator.generate(spec).build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /** Compiles the generated model with {@code -Xlint:all -Werror} and returns a new instance of it. */
    static Model compile(NetworkSpec spec) {
        return newModel(load(spec), spec);
    }

    /** A new instance of the model generated for {@code spec}, from a loader returned by {@link #load}. */
    static Model newModel(ClassLoader loader, NetworkSpec spec) {
        try {
            return (Model) loader.loadClass(spec.packageName() + "." + spec.modelName())
                    .getConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("could not instantiate " + spec.modelName(), e);
        }
    }

    /** Compiles the generated model and trainer with {@code -Xlint:all -Werror}; returns a loader of their classes. */
    static ClassLoader load(NetworkSpec spec) {
        return load(List.of(spec));
    }

    /**
     * Compiles the generated models and trainers of {@code specs} (of distinct names) in one javac run, which costs
     * little more than compiling one; returns a loader of their classes.
     */
    static ClassLoader load(List<NetworkSpec> specs) {
        List<JavaFile> files = new ArrayList<>();
        for (NetworkSpec spec : specs) {
            files.add(source(spec));
            files.add(trainerSource(spec));
        }
        Compilation compilation = Compiler.javac()
                .withOptions("-Xlint:all", "-Werror")
                .compile(files.stream().map(JavaFile::toJavaFileObject).toList());
        assertWithMessage("generated sources:\n%s\ndiagnostics: %s", files, compilation.diagnostics())
                .that(compilation.status())
                .isEqualTo(Compilation.Status.SUCCESS);
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : compilation.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String path = f.getName();
                String binary = path.substring(path.indexOf("test/nets/"), path.length() - ".class".length())
                        .replace('/', '.');
                try (InputStream in = f.openInputStream()) {
                    classes.put(binary, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new ClassLoader(GeneratedModels.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }
}
