package dev.scratchnet.processor.validation;

import dev.scratchnet.annotations.Network;
import dev.scratchnet.processor.model.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** Runs the validator the way NetworkProcessor does, keeping the specs instead of generating from them. */
final class SpecCapture extends AbstractProcessor {
    private final List<NetworkSpec> specs = new ArrayList<>();

    List<NetworkSpec> specs() {
        return specs;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("dev.scratchnet.annotations.*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        NetworkValidator validator = new NetworkValidator(processingEnv);
        validator.checkStrayAnnotations(round);
        TypeElement network = processingEnv.getElementUtils().getTypeElement(Network.class.getCanonicalName());
        for (Element element : round.getElementsAnnotatedWith(network)) {
            validator.validate(element).ifPresent(specs::add);
        }
        return false;
    }
}
