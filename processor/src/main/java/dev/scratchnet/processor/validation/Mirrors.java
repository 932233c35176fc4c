package dev.scratchnet.processor.validation;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.SimpleAnnotationValueVisitor14;

/**
 * Reads annotations through their mirrors rather than {@code getAnnotation()} proxies: a mirror can be
 * reported on, and a value javac could not attribute ({@code units = Sizes.HIDDEN} with no class
 * {@code Sizes}) reads as absent instead of throwing.
 */
final class Mirrors {
    private Mirrors() {}

    /** The first {@code annotation} on {@code element}; javac has already reported any duplicate. */
    static Optional<AnnotationMirror> find(Element element, Class<? extends Annotation> annotation) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (mirror.getAnnotationType().asElement() instanceof TypeElement type
                    && type.getQualifiedName().contentEquals(annotation.getCanonicalName())) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** The value written for {@code attribute}, empty when the declaration leaves it to its default or omits it. */
    static Optional<AnnotationValue> explicitValue(AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(attribute)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    static OptionalInt intValue(AnnotationValue value) {
        return value.accept(new SimpleAnnotationValueVisitor14<OptionalInt, Void>(OptionalInt.empty()) {
            @Override
            public OptionalInt visitInt(int i, Void unused) {
                return OptionalInt.of(i);
            }
        }, null);
    }

    /** The simple name of the enum constant, e.g. {@code RELU}. */
    static Optional<String> enumConstantName(AnnotationValue value) {
        return value.accept(new SimpleAnnotationValueVisitor14<Optional<String>, Void>(Optional.empty()) {
            @Override
            public Optional<String> visitEnumConstant(VariableElement constant, Void unused) {
                return Optional.of(constant.getSimpleName().toString());
            }
        }, null);
    }

    static Optional<String> stringValue(AnnotationValue value) {
        // javac hands a value it could not attribute to visitString as the bare text <error>, while a real
        // string constant prints as a quoted literal; without this check `name = Names.MODEL` with no class
        // Names would get a NetName error on top of javac's "cannot find symbol".
        if (value.toString().equals("<error>")) {
            return Optional.empty();
        }
        return value.accept(new SimpleAnnotationValueVisitor14<Optional<String>, Void>(Optional.empty()) {
            @Override
            public Optional<String> visitString(String s, Void unused) {
                return Optional.of(s);
            }
        }, null);
    }
}
