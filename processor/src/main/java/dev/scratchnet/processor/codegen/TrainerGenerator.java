package dev.scratchnet.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.scratchnet.processor.model.NetworkSpec;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Network>Trainer}: the runtime's {@code Trainer} typed for the generated model, with no logic of
 * its own. The trainer picks up the model's fused SGD step itself, so a generated trainer and a plain
 * {@code new Trainer(model, config)} are the same loop.
 */
public final class TrainerGenerator {
    private static final String TRAIN = RuntimeNames.RUNTIME + ".train";
    private static final ClassName TRAINER = ClassName.get(TRAIN, "Trainer");
    private static final ClassName CONFIG = ClassName.get(TRAIN, "TrainingConfig");
    private static final ClassName RESULT = ClassName.get(TRAIN, "TrainingResult");
    private static final ClassName LISTENER = ClassName.get(TRAIN, "TrainingListener");
    private static final ClassName DATASET = ClassName.get(RuntimeNames.RUNTIME + ".data", "Dataset");

    private final NetworkSpec spec;
    private final ClassName model;

    private TrainerGenerator(NetworkSpec spec) {
        this.spec = spec;
        this.model = ClassName.get(spec.packageName(), spec.modelName());
    }

    /** The trainer class for {@code spec}. */
    public static TypeSpec.Builder generate(NetworkSpec spec) {
        return new TrainerGenerator(spec).trainer();
    }

    private TypeSpec.Builder trainer() {
        return TypeSpec.classBuilder(spec.trainerName())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(AnnotationSpec.builder(RuntimeNames.GENERATED)
                        .addMember("value", "$S", RuntimeNames.PROCESSOR)
                        .addMember("comments", "$S", "from " + spec.declaringClass())
                        .build())
                .addJavadoc("Trains {@link $T}, the network declared by {@link $L}: the runtime's {@link $T} (the book's\n"
                                + "mini-batch loop, listeners, history, evaluation, divergence guards, resumable state), typed for\n"
                                + "the model. With plain SGD the loop uses the model's fused step.\n",
                        model, spec.declaringClass(), TRAINER)
                .addField(FieldSpec.builder(model, "model", Modifier.PRIVATE, Modifier.FINAL).build())
                .addField(FieldSpec.builder(TRAINER, "trainer", Modifier.PRIVATE, Modifier.FINAL).build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc("A trainer of {@code model}, starting from its current parameters.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(model, "model")
                        .addParameter(CONFIG, "config")
                        .addStatement("this.model = model")
                        .addStatement("this.trainer = new $T(model, config)", TRAINER)
                        .build())
                .addMethod(MethodSpec.methodBuilder("getModel")
                        .addJavadoc("The model being trained.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(model)
                        .addStatement("return model")
                        .build())
                .addMethod(MethodSpec.methodBuilder("getTrainer")
                        .addJavadoc("The underlying loop, for its iteration count, resumable state and stop requests.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(TRAINER)
                        .addStatement("return trainer")
                        .build())
                .addMethod(MethodSpec.methodBuilder("addListener")
                        .addJavadoc("Tells {@code listener} of every iteration and evaluation.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(LISTENER, "listener")
                        .addStatement("trainer.addListener(listener)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("train")
                        .addJavadoc("Trains on {@code train} up to the configured iterations, evaluating on {@code train} and\n"
                                + "{@code test}.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(RESULT)
                        .addParameter(DATASET, "train")
                        .addParameter(DATASET, "test")
                        .addStatement("return trainer.train(train, test)")
                        .build());
    }
}
