package dev.scratchnet.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Records the types generated during a compilation: the root elements of every round after the first.
 * compile-testing hides generated files when compilation fails, and that is exactly when a test needs to
 * know that nothing was generated.
 */
final class GeneratedTypes extends AbstractProcessor {
    private final List<String> names = new ArrayList<>();
    private boolean firstRoundDone;

    List<String> names() {
        return names;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (firstRoundDone) {
            for (Element root : round.getRootElements()) {
                names.add(root.toString());
            }
        }
        firstRoundDone = true;
        return false;
    }
}
