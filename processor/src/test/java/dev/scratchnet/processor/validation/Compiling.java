package dev.scratchnet.processor.validation;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.scratchnet.processor.NetworkProcessor;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

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

    static Compilation compile(JavaFileObject... sources) {
        return compile(Compiler.javac(), sources);
    }

    /**
     * Compiles with {@link NetworkProcessor}. An exception escaping the processor would make compile-testing
     * throw; one the processor caught would be a {@code [NetInternal]} error, which fails the test here.
     */
    static Compilation compile(Compiler compiler, JavaFileObject... sources) {
        Compilation compilation = compiler.withProcessors(new NetworkProcessor()).compile(sources);
        List<String> internal = compilation.diagnostics().stream()
                .map(diagnostic -> diagnostic.getMessage(Locale.ROOT))
                .filter(message -> message.contains("[NetInternal]"))
                .toList();
        assertWithMessage("the processor failed unexpectedly").that(internal).isEmpty();
        return compilation;
    }
}
