package dev.scratchnet.processor.codegen;

import com.palantir.javapoet.TypeSpec;
import dev.scratchnet.processor.model.NetworkSpec;
import javax.lang.model.element.Modifier;

/** Placeholder on the validation branch only; the real generator lives on main. */
public final class ModelGenerator {
    private ModelGenerator() {}

    public static TypeSpec.Builder generate(NetworkSpec spec) {
        return TypeSpec.classBuilder(spec.modelName()).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    }
}
