package dev.scratchnet.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.scratchnet.processor.codegen.ModelGenerator;
import dev.scratchnet.processor.codegen.TrainerGenerator;
import dev.scratchnet.processor.model.NetworkSpec;
import dev.scratchnet.processor.validation.NetworkValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The annotation processor: for each {@code @Network} class, read → validate (every error reported on
 * its element) → stop if anything is wrong → generate {@code <Name>Model} and {@code <Name>Trainer}.
 * A thin adapter: validation turns elements into a plain {@link NetworkSpec}, and code generation
 * never sees {@code javax.lang.model}.
 */
@AutoService(Processor.class)
public final class NetworkProcessor extends AbstractProcessor {
    static final String NETWORK = "dev.scratchnet.annotations.Network";

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(
                NETWORK,
                "dev.scratchnet.annotations.Layer",
                "dev.scratchnet.annotations.Activation",
                "dev.scratchnet.annotations.Loss",
                "dev.scratchnet.annotations.Init",
                // On the classes generated here: claimed so that -Xlint:processing has nothing unclaimed to warn about.
                "dev.scratchnet.annotations.internal.Generated");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        NetworkValidator validator = new NetworkValidator(processingEnv);
        try {
            validator.checkStrayAnnotations(round);
        } catch (RuntimeException e) {
            reportCrash(null, e);
        }
        TypeElement network = processingEnv.getElementUtils().getTypeElement(NETWORK);
        if (network == null) {
            return true;
        }
        for (Element element : round.getElementsAnnotatedWith(network)) {
            try {
                Optional<NetworkSpec> spec = validator.validate(element);
                if (spec.isPresent()) {
                    write(spec.get(), ModelGenerator.generate(spec.get()), element);
                    write(spec.get(), TrainerGenerator.generate(spec.get()), element);
                }
            } catch (RuntimeException e) {
                reportCrash(element, e);
            }
        }
        // scratchnet's annotations mean nothing to other processors; claiming them also keeps
        // -Xlint:processing from warning that nobody did, which -Werror builds would fail on.
        return true;
    }

    private void write(NetworkSpec spec, TypeSpec.Builder type, Element origin) {
        JavaFile file = JavaFile.builder(spec.packageName(), type.addOriginatingElement(origin).build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        try {
            file.writeTo(processingEnv.getFiler());
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "[NetWrite] could not write " + spec.packageName() + "." + file.typeSpec().name() + ": " + e.getMessage(), origin);
        }
    }

    /** An unexpected failure becomes a compiler error on the network being processed, never a crashed compiler. */
    private void reportCrash(Element element, RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                "[NetInternal] scratchnet's processor failed unexpectedly; please report this with the declaration: " + trace,
                element);
    }
}
