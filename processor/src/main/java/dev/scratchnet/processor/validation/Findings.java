package dev.scratchnet.processor.validation;

import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * What one validation found: the errors it reported, and whether it met a mistake reported elsewhere — by
 * javac (a value it could not attribute, an unresolved annotation) or by
 * {@link NetworkValidator#checkStrayAnnotations}. Those are not reported twice, but the network they belong
 * to must not be generated either.
 */
final class Findings {
    private final Messager messager;
    private boolean reported;
    private boolean reportedElsewhere;

    Findings(Messager messager) {
        this.messager = messager;
    }

    void error(Element element, AnnotationMirror mirror, String message) {
        messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror);
        reported = true;
    }

    /** On the attribute's value when the declaration wrote one, so the caret lands on it; else on the annotation. */
    void error(Element element, AnnotationMirror mirror, Optional<AnnotationValue> value, String message) {
        if (value.isPresent()) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror, value.get());
            reported = true;
        } else {
            error(element, mirror, message);
        }
    }

    void reportedElsewhere() {
        reportedElsewhere = true;
    }

    boolean isClean() {
        return !reported && !reportedElsewhere;
    }
}
