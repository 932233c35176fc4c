package dev.scratchnet.processor.validation;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.scratchnet.annotations.Network;
import dev.scratchnet.processor.NetworkProcessor;
import dev.scratchnet.runtime.Model;
import java.io.File;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.apache.commons.math3.random.Well19937c;

/** Compiles test sources with the real processor, and fails any test whose compilation crashed the processor. */
final class Compiling {
    private Compiling() {}

    /** {@code test.<simpleName>}: {@code package test;}, the annotations imported, then {@code lines}. */
    static JavaFileObject declaration(String simpleName, String... lines) {
        String[] source = Stream.concat(
                        Stream.of("package test;", "", "import dev.scratchnet.annotations.*;", ""),
                        Stream.of(lines))
                .toArray(String[]::new);
        return JavaFileObjects.forSourceLines("test." + simpleName, source);
    }

    /**
     * {@code test.Net}: {@code package test;}, each annotations type imported by name except {@code missing},
     * then {@code lines}; for declarations whose mistake is a forgotten import.
     */
    static JavaFileObject netWithoutImportOf(String missing, String... lines) {
        Stream<String> imports = Stream.of("Activation", "ActivationFunction", "Dense", "Init", "InitMethod", "Layer",
                        "Loss", "LossFunction", "Network")
                .filter(type -> !type.equals(missing))
                .map(type -> "import dev.scratchnet.annotations." + type + ";");
        String[] source = Stream.of(Stream.of("package test;"), imports, Stream.of(lines))
                .flatMap(part -> part)
                .toArray(String[]::new);
        return JavaFileObjects.forSourceLines("test.Net", source);
    }

    static Compilation compile(JavaFileObject... sources) {
        return compile(javac(), sources);
    }

    /**
     * javac with only the annotations, the runtime and Commons Math (which generated models use) on its class
     * path: what a declaration can see, and half the time per compilation of javac searching every test
     * dependency's jar.
     */
    static Compiler javac() {
        return Compiler.javac().withClasspath(classPath());
    }

    static List<File> classPath() {
        return List.of(locationOf(Network.class), locationOf(Model.class),
                locationOf(Well19937c.class));
    }

    private static File locationOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    /**
     * Compiles with {@link NetworkProcessor}. An exception escaping the processor would make compile-testing
     * throw; one the processor caught would be a {@code [NetInternal]} error, which fails the test here.
     */
    static Compilation compile(Compiler compiler, JavaFileObject... sources) {
        return withoutInternalErrors(compiler.withProcessors(new NetworkProcessor()).compile(sources));
    }

    /** As {@link #compile}, and fails the test if anything was generated: for declarations that must be rejected. */
    static Compilation compileWithoutGenerating(JavaFileObject source) {
        GeneratedTypes generated = new GeneratedTypes();
        Compilation compilation = withoutInternalErrors(
                javac().withProcessors(new NetworkProcessor(), generated).compile(source));
        assertWithMessage("types generated from a declaration that must be rejected")
                .that(generated.names())
                .isEmpty();
        return compilation;
    }

    private static Compilation withoutInternalErrors(Compilation compilation) {
        List<String> internal = compilation.diagnostics().stream()
                .map(diagnostic -> diagnostic.getMessage(Locale.ROOT))
                .filter(message -> message.contains("[NetInternal]"))
                .toList();
        assertWithMessage("the processor failed unexpectedly").that(internal).isEmpty();
        return compilation;
    }
}
