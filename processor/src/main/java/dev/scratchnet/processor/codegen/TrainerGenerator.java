package dev.scratchnet.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.scratchnet.processor.model.LayerSpec;
import dev.scratchnet.processor.model.NetworkSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Network>Trainer}: the runtime's mini-batch loop ({@code Trainer}: sampling, listeners,
 * history, evaluation, divergence guards, resumable state) driving the generated model, with the parameter
 * update specialised to the network: weight decay and the optimiser's step fused into one pass over each
 * parameter array, every length a constant. It computes the same values in the same order as the
 * runtime's standard update, so a generated trainer and a plain {@code Trainer} give bit-identical weights.
 */
public final class TrainerGenerator {
    private static final String TRAIN = RuntimeNames.RUNTIME + ".train";
    private static final ClassName TRAINER = ClassName.get(TRAIN, "Trainer");
    private static final ClassName CONFIG = ClassName.get(TRAIN, "TrainingConfig");
    private static final ClassName RESULT = ClassName.get(TRAIN, "TrainingResult");
    private static final ClassName LISTENER = ClassName.get(TRAIN, "TrainingListener");
    private static final ClassName OPTIMIZER = ClassName.get(TRAIN, "Optimizer");
    private static final ClassName SGD = ClassName.get(TRAIN, "Sgd");
    private static final ClassName WEIGHT_DECAY = ClassName.get(TRAIN, "WeightDecay");
    private static final ClassName DATASET = ClassName.get(RuntimeNames.RUNTIME + ".data", "Dataset");
    private static final TypeName DOUBLES = ArrayTypeName.of(TypeName.DOUBLE);

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
        TypeSpec.Builder type = TypeSpec.classBuilder(spec.trainerName())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(AnnotationSpec.builder(RuntimeNames.GENERATED)
                        .addMember("value", "$S", RuntimeNames.PROCESSOR)
                        .addMember("comments", "$S", "from " + spec.declaringClass())
                        .build())
                .addJavadoc("Trains {@link $T}, the network declared by {@link $L}: the runtime's {@link $T} loop\n"
                                + "(the book's mini-batch SGD, listeners, history, evaluation, divergence guards) with the\n"
                                + "parameter update fused into one pass over each parameter array. Gives the same weights,\n"
                                + "bit for bit, as a plain {@code Trainer} with the same configuration and seed.\n",
                        model, spec.declaringClass(), TRAINER);
        type.addField(FieldSpec.builder(model, "model", Modifier.PRIVATE, Modifier.FINAL).build());
        type.addField(FieldSpec.builder(TRAINER, "trainer", Modifier.PRIVATE, Modifier.FINAL).build());
        for (LayerSpec layer : spec.layers()) {
            type.addField(FieldSpec.builder(DOUBLES, layer.weightName(), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("The model's weights of layer $L, {@code $L}: [$L × $L].\n", layer.index(), layer.name(),
                            layer.inputs(), layer.units())
                    .build());
            type.addField(FieldSpec.builder(DOUBLES, layer.biasName(), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("The model's biases of layer $L: [$L].\n", layer.index(), layer.units())
                    .build());
        }
        type.addMethod(constructor());
        type.addMethod(MethodSpec.methodBuilder("getModel")
                .addModifiers(Modifier.PUBLIC)
                .returns(model)
                .addStatement("return model")
                .build());
        type.addMethod(MethodSpec.methodBuilder("getTrainer")
                .addJavadoc("The underlying loop, for its iteration count and resumable state.\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(TRAINER)
                .addStatement("return trainer")
                .build());
        type.addMethod(MethodSpec.methodBuilder("addListener")
                .addModifiers(Modifier.PUBLIC)
                .addParameter(LISTENER, "listener")
                .addStatement("trainer.addListener(listener)")
                .build());
        type.addMethod(train());
        type.addMethod(requireShape());
        type.addMethod(step());
        type.addMethod(update());
        return type;
    }

    private MethodSpec constructor() {
        MethodSpec.Builder m = MethodSpec.constructorBuilder()
                .addJavadoc("A trainer of {@code model}, starting from its current parameters.\n")
                .addModifiers(Modifier.PUBLIC)
                .addParameter(model, "model")
                .addParameter(CONFIG, "config")
                .addStatement("this.model = model");
        for (LayerSpec layer : spec.layers()) {
            m.addStatement("this.$L = model.getParameter($S).getValues()", layer.weightName(), layer.weightName());
            m.addStatement("this.$L = model.getParameter($S).getValues()", layer.biasName(), layer.biasName());
        }
        return m.addStatement("this.trainer = new $T(model, config, this::update, this::step)", TRAINER).build();
    }

    private MethodSpec step() {
        return MethodSpec.methodBuilder("step")
                .addJavadoc("A backprop iteration: for SGD the model's {@code sgdStep}, which applies W1's gradient as it is\n"
                        + "computed; otherwise the gradient, then {@link #update} unless the loss is not finite.\n")
                .addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addParameter(RuntimeNames.GRADIENTS, "work")
                .addParameter(OPTIMIZER, "optimizer")
                .addParameter(WEIGHT_DECAY, "weightDecay")
                .beginControlFlow("if (optimizer instanceof $T sgd)", SGD)
                .addStatement("optimizer.beginUpdate()")
                .addStatement("return model.sgdStep(batch, work, sgd.getLearningRate(), weightDecay.getLambda())")
                .endControlFlow()
                .addStatement("double loss = model.gradient(batch, work)")
                .beginControlFlow("if ($T.isFinite(loss))", Double.class)
                .addStatement("update(optimizer, weightDecay, model.getParameters(), work)")
                .endControlFlow()
                .addStatement("return loss")
                .build();
    }

    private MethodSpec train() {
        return MethodSpec.methodBuilder("train")
                .addJavadoc("Trains on {@code train} up to the configuration's iterations, evaluating on {@code train} and {@code test}.\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(RESULT)
                .addParameter(DATASET, "train")
                .addParameter(DATASET, "test")
                .addStatement("requireShape(train, $S)", "training")
                .addStatement("requireShape(test, $S)", "test")
                .addStatement("return trainer.train(train, test)")
                .build();
    }

    private MethodSpec requireShape() {
        return MethodSpec.methodBuilder("requireShape")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(DATASET, "data")
                .addParameter(String.class, "role")
                .beginControlFlow("if (data.getFeatures() != $T.INPUTS || data.getClasses() != $T.OUTPUTS)", model, model)
                .addStatement("throw new $T(\"the \" + role + \" set has \" + data.getFeatures() + \" features and \" + "
                                + "data.getClasses() + \" classes; $L takes $L inputs and has $L outputs\")",
                        IllegalArgumentException.class, spec.modelName(), spec.inputs(), spec.outputs())
                .endControlFlow()
                .build();
    }

    private MethodSpec update() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("update")
                .addJavadoc("Weight decay (weights only) and the optimiser's step: for SGD the model's {@code sgdUpdate}, one\n"
                        + "pass {@code W ← W − lr·(g + λ·W)} per array (the gradient is left as backprop wrote it);\n"
                        + "otherwise decay, then the optimiser's own step.\n")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(OPTIMIZER, "optimizer")
                .addParameter(WEIGHT_DECAY, "weightDecay")
                .addParameter(ParameterizedTypeName.get(ClassName.get(List.class), RuntimeNames.PARAMETER), "params")
                .addParameter(RuntimeNames.GRADIENTS, "grads")
                .addStatement("double lambda = weightDecay.getLambda()")
                .addStatement("optimizer.beginUpdate()")
                .beginControlFlow("if (optimizer instanceof $T sgd)", SGD)
                .addStatement("model.sgdUpdate(grads, sgd.getLearningRate(), lambda)");
        m.nextControlFlow("else");
        int index = 0;
        for (LayerSpec layer : spec.layers()) {
            m.beginControlFlow("if (lambda > 0)")
                    .addStatement("weightDecay.addGradient($L, grads.get($L))", layer.weightName(), index)
                    .endControlFlow();
            m.addStatement("optimizer.step($L, $L, grads.get($L))", index, layer.weightName(), index);
            index++;
            m.addStatement("optimizer.step($L, $L, grads.get($L))", index, layer.biasName(), index);
            index++;
        }
        return m.endControlFlow().build();
    }
}
