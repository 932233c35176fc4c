package dev.scratchnet.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.processor.model.LayerSpec;
import dev.scratchnet.processor.model.NetworkSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Network>Model}: the declared network as the book's {@code ch05/two_layer_net.py} would be
 * written for exactly these layers. The constructor is the book's {@code __init__} (parameters and layers), then
 * come {@code predict}, {@code loss}, {@code accuracy}, {@code numericalGradient} and {@code gradient}, each a few
 * lines naming the book's steps layer by layer; every dimension is a constant and the layers are unrolled.
 *
 * <p>Names in generated code: {@code W1, b1, …} are parameters; {@code affine1, …} the book's {@code Affine}
 * layers over them and {@code lastLayer} its {@code SoftmaxWithLoss} (or the squared error); {@code a1} holds
 * layer 1's pre-activations, {@code z1} its activations, {@code dz1} and {@code d1} the gradients of the loss with
 * respect to them, {@code y} the softmax probabilities.
 *
 * <p>The machinery lives in the runtime's {@code internal} package, behind calls of at most six arguments: the
 * products ({@code AffineKernel}), the activations, the loss, the two-core split of a pass by rows
 * ({@code Kernels.inTwoHalves}) and the numerical gradient ({@code Differences}).
 */
public final class ModelGenerator {
    private static final TypeName DOUBLES = ArrayTypeName.of(TypeName.DOUBLE);

    private final NetworkSpec spec;
    private final List<LayerSpec> layers;
    private final int last;
    private final boolean softmaxOutput;

    private ModelGenerator(NetworkSpec spec) {
        this.spec = spec;
        this.layers = spec.layers();
        this.last = layers.size();
        this.softmaxOutput = spec.loss() != LossFunction.MEAN_SQUARED_ERROR;
    }

    /** The model class for {@code spec}. */
    public static TypeSpec.Builder generate(NetworkSpec spec) {
        return new ModelGenerator(spec).model();
    }

    private TypeSpec.Builder model() {
        TypeSpec.Builder type = TypeSpec.classBuilder(spec.modelName())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeNames.MODEL)
                .addSuperinterface(RuntimeNames.FUSED_SGD)
                .addSuperinterface(RuntimeNames.SCORED)
                .addAnnotation(AnnotationSpec.builder(RuntimeNames.GENERATED)
                        .addMember("value", "$S", RuntimeNames.PROCESSOR)
                        .addMember("comments", "$S", "from " + spec.declaringClass())
                        .build())
                .addJavadoc(classJavadoc());
        constants(type);
        parameterFields(type);
        layerFields(type);
        passFields(type);
        type.addMethod(constructor());
        type.addMethod(predict());
        type.addMethod(loss());
        type.addMethod(accuracy());
        type.addMethod(numericalGradient());
        type.addMethod(gradient());
        type.addMethod(sgdStep());
        type.addMethod(score());
        type.addMethod(summary());
        type.addMethod(initialize());
        type.addMethod(getter("getLoss", RuntimeNames.LOSS_FUNCTION,
                CodeBlock.of("return $T.$L", RuntimeNames.LOSS_FUNCTION, spec.loss().name())));
        type.addMethod(getter("getParameters", parameterList(), CodeBlock.of("return parameters")));
        type.addMethod(predictRows());
        type.addMethod(lossRows());
        type.addMethod(gradientRows());
        type.addMethod(otherLayersSgd());
        type.addMethod(begin());
        type.addMethod(fit());
        return type;
    }

    private LayerSpec layer(int k) {
        return layers.get(k - 1);
    }

    // ---------------------------------------------------------------------------------------------- names ----

    private static String units(LayerSpec layer) {
        return "UNITS_" + layer.index();
    }

    private String inputWidth(LayerSpec layer) {
        return layer.index() == 1 ? "INPUTS" : units(layer(layer.index() - 1));
    }

    /** Whether layer {@code k} has an activation of its own, applied in the forward pass (SOFTMAX is the loss's). */
    private boolean activates(LayerSpec layer) {
        ActivationFunction f = layer.activation();
        return f != ActivationFunction.IDENTITY && f != ActivationFunction.SOFTMAX;
    }

    /** The array holding layer {@code k}'s output rows: its activations, or its pre-activations when it has none. */
    private String output(LayerSpec layer) {
        return (activates(layer) ? "z" : "a") + layer.index();
    }

    /** The array holding the rows layer {@code k} reads, in a row method: {@code x} for the first layer. */
    private String input(LayerSpec layer) {
        return layer.index() == 1 ? "x" : output(layer(layer.index() - 1));
    }

    /** The array of the gradient with respect to layer {@code k}'s output. */
    private String outputGradient(LayerSpec layer) {
        return (activates(layer) ? "dz" : "d") + layer.index();
    }

    /** The scores whose largest value in a row is the prediction: the last pre-activations, or outputs for MSE. */
    private String scores() {
        return softmaxOutput ? "a" + last : output(layer(last));
    }

    /** The last layer's outputs: the softmax's probabilities, or the outputs themselves for the squared error. */
    private String outputs() {
        return softmaxOutput ? "y" : output(layer(last));
    }

    /** The book's name of layer {@code k}'s activation layer, e.g. {@code Relu1}. */
    private static String activationLayer(LayerSpec layer) {
        String f = layer.activation().name();
        return f.charAt(0) + f.substring(1).toLowerCase(java.util.Locale.ROOT) + layer.index();
    }

    private String lastLayerName() {
        return softmaxOutput ? "SoftmaxWithLoss" : "IdentityWithLoss";
    }

    /** The book's chain of layers, e.g. {@code Affine1 → Relu1 → Affine2}. */
    private String chain() {
        StringBuilder s = new StringBuilder();
        for (LayerSpec layer : layers) {
            s.append(s.length() == 0 ? "" : " → ").append("Affine").append(layer.index());
            if (activates(layer)) {
                s.append(" → ").append(activationLayer(layer));
            }
        }
        return s.toString();
    }

    /** The gradient of parameter {@code p} (0-based, book order) in the {@code Gradients} named {@code grads}. */
    private static String grad(String grads, int p) {
        return grads + ".get(" + p + ")";
    }

    private static TypeName parameterList() {
        return ParameterizedTypeName.get(ClassName.get(List.class), RuntimeNames.PARAMETER);
    }

    // --------------------------------------------------------------------------------------------- fields ----

    private CodeBlock classJavadoc() {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The network declared by {@link $L}, compiled by scratchnet: the book's\n", spec.declaringClass())
                .add("{@code ch05/two_layer_net.py} written out for these layers, every dimension a constant.\n\n")
                .add("<pre>\n")
                .add("$L\n", row("x", spec.inputs(), ""));
        for (LayerSpec layer : layers) {
            doc.add("$L\n", row("Affine" + layer.index(), layer.units(), String.format(java.util.Locale.ROOT,
                    "W%d [%d × %d], b%d [%d]   %s", layer.index(), layer.inputs(), layer.units(), layer.index(),
                    layer.units(), layer.name())));
            if (activates(layer) && (layer.index() < last || !softmaxOutput)) {
                doc.add("$L\n", row(activationLayer(layer), layer.units(), ""));
            }
        }
        doc.add("$L\n", lastLayerName()).add("</pre>\n\n");
        return doc.add("Read it beside the book: the constructor is {@code __init__}, then {@link #predict}, {@link #loss},\n")
                .add("{@link #accuracy}, {@link #numericalGradient} and {@link #gradient} follow in the book's order and name its\n")
                .add("steps layer by layer. Two things differ, both for speed. A pass over a batch runs its rows on two cores:\n")
                .add("{@code Kernels.inTwoHalves(rows, lossRows)} runs {@link #lossRows} for each core's share of the rows, and\n")
                .add("a row's values never depend on which core computed them. And the numerical gradient starts from the\n")
                .add("cached pass: a perturbed weight moves one unit, so the runtime's {@code Differences} finds each row's loss\n")
                .add("change from that unit on, giving the values of the book's perturb-and-rerun. Buffers grow to the largest\n")
                .add("batch seen and are reused, so after warm-up no call allocates. Not thread-safe: one model, one thread.\n")
                .build();
    }

    /** One line of the class Javadoc's table: a layer, the shape of its output and a note. */
    private static String row(String name, int units, String note) {
        return String.format(java.util.Locale.ROOT, "%-16s [batch × %d]", name, units)
                + (note.isEmpty() ? "" : String.format(java.util.Locale.ROOT, "%" + (8 - String.valueOf(units).length())
                        + "s%s", "", note));
    }

    private void constants(TypeSpec.Builder type) {
        type.addField(constant("INPUTS", CodeBlock.of("$L", spec.inputs()), "Width of one input row."));
        for (LayerSpec layer : layers) {
            type.addField(constant(units(layer), CodeBlock.of("$L", layer.units()),
                    "Units of layer " + layer.index() + ", {@code " + layer.name() + "} (" + layer.activation() + ")."));
        }
        type.addField(constant("OUTPUTS", CodeBlock.of("$L", units(layer(last))), "Width of one output row."));
    }

    private static FieldSpec constant(String name, CodeBlock value, String doc) {
        return FieldSpec.builder(TypeName.INT, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + "\n")
                .initializer(value)
                .build();
    }

    private void parameterFields(TypeSpec.Builder type) {
        for (LayerSpec layer : layers) {
            type.addField(FieldSpec.builder(DOUBLES, layer.weightName(), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Weights of layer $L, {@code $L}: [$L × $L], row-major.\n",
                            layer.index(), layer.name(), layer.inputs(), layer.units())
                    .initializer("new double[$L * $L]", inputWidth(layer), units(layer))
                    .build());
            type.addField(FieldSpec.builder(DOUBLES, layer.biasName(), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Biases of layer $L, {@code $L}: [$L].\n", layer.index(), layer.name(), layer.units())
                    .initializer("new double[$L]", units(layer))
                    .build());
        }
        type.addField(FieldSpec.builder(parameterList(), "parameters", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("The book's {@code params}, in its order.\n")
                .build());
    }

    private void layerFields(TypeSpec.Builder type) {
        for (LayerSpec layer : layers) {
            type.addField(FieldSpec.builder(RuntimeNames.AFFINE_KERNEL, "affine" + layer.index(), Modifier.PRIVATE,
                            Modifier.FINAL)
                    .addJavadoc("The book's {@code Affine$L}: {@code $L · W$L + b$L} and its backward products.\n",
                            layer.index(), layer.index() == 1 ? "x" : output(layer(layer.index() - 1)), layer.index(),
                            layer.index())
                    .build());
        }
        type.addField(FieldSpec.builder(RuntimeNames.LOSS_KERNEL, "lastLayer", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("The book's {@code lastLayer}, {@code $L}.\n", lastLayerName())
                .build());
        type.addField(FieldSpec.builder(RuntimeNames.DIFFERENCES, "differences", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("The numerical gradient of every layer's parameters, from the cached pass and the row losses.\n")
                .build());
    }

    private void passFields(TypeSpec.Builder type) {
        type.addField(FieldSpec.builder(RuntimeNames.INPUT, "x", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("The input rows {@code x} (and targets {@code t}) of the pass in progress.\n")
                .initializer("new $T($S, INPUTS, OUTPUTS)", RuntimeNames.INPUT, spec.modelName())
                .build());
        type.addField(FieldSpec.builder(TypeName.INT, "capacity", Modifier.PRIVATE)
                .addJavadoc("Rows the buffers below can hold.\n")
                .build());
        for (LayerSpec layer : layers) {
            int k = layer.index();
            buffer(type, "a" + k, "Affine" + k + "'s output", layer.units());
            if (activates(layer)) {
                buffer(type, "z" + k, activationLayer(layer) + "'s output", layer.units());
                buffer(type, "dz" + k, "the gradient of the loss with respect to z" + k, layer.units());
            }
            buffer(type, "d" + k, "the gradient of the loss with respect to a" + k, layer.units());
        }
        if (softmaxOutput) {
            buffer(type, "y", "the softmax's probabilities", layer(last).units());
        }
        type.addField(FieldSpec.builder(DOUBLES, "rowLoss", Modifier.PRIVATE)
                .addJavadoc("Each row's loss, before the mean: [rows].\n")
                .initializer("new double[0]")
                .build());
        type.addField(rowsField("predictRows"));
        type.addField(rowsField("lossRows"));
        type.addField(rowsField("gradientRows"));
        type.addField(methodField(RuntimeNames.SGD_UPDATE.nestedClass("Rest"), "otherLayersSgd", "otherLayersSgd",
                "{@link #sgdStep}"));
    }

    private static void buffer(TypeSpec.Builder type, String name, String doc, int units) {
        type.addField(FieldSpec.builder(DOUBLES, name, Modifier.PRIVATE)
                .addJavadoc("$L: [rows × $L].\n", Character.toUpperCase(doc.charAt(0)) + doc.substring(1), units)
                .initializer("new double[0]")
                .build());
    }

    /** A {@code Kernels.Range} field for {@code Kernels.inTwoHalves}, made once so that no call allocates. */
    private static FieldSpec rowsField(String method) {
        return methodField(RuntimeNames.KERNELS.nestedClass("Range"), method, method, "{@code Kernels.inTwoHalves}");
    }

    /** A field {@code name} of {@code type} holding {@code this::method} for {@code user}, made once so that no call allocates. */
    private static FieldSpec methodField(TypeName type, String name, String method, String user) {
        return FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("{@link #$L} for $L, made once so that no call allocates.\n", method, user)
                .initializer("this::$L", method)
                .build();
    }

    // ----------------------------------------------------------------------------------- the book's methods ----

    private MethodSpec constructor() {
        CodeBlock.Builder list = CodeBlock.builder().add("parameters = $T.of(", List.class);
        for (LayerSpec layer : layers) {
            list.add(layer.index() == 1 ? "\n" : ",\n")
                    .add("new $T($S, new int[] {$L, $L}, $L),\n", RuntimeNames.PARAMETER, layer.weightName(),
                            inputWidth(layer), units(layer), layer.weightName())
                    .add("new $T($S, new int[] {$L}, $L)", RuntimeNames.PARAMETER, layer.biasName(), units(layer),
                            layer.biasName());
        }
        MethodSpec.Builder m = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("The book's {@code __init__}: the parameters, all zero until {@link #initialize}, and the layers\n"
                        + "over them.\n")
                .addStatement(list.add(")").build());
        for (LayerSpec layer : layers) {
            m.addStatement("affine$L = new $T($L, $L, $L, $L)", layer.index(), RuntimeNames.AFFINE_KERNEL,
                    layer.weightName(), layer.biasName(), inputWidth(layer), units(layer));
        }
        m.addStatement("lastLayer = $T.of($T.$L, OUTPUTS)", RuntimeNames.LOSS_KERNEL, RuntimeNames.LOSS_FUNCTION,
                spec.loss().name());
        CodeBlock.Builder kernels = CodeBlock.builder();
        CodeBlock.Builder activations = CodeBlock.builder();
        for (LayerSpec layer : layers) {
            String separator = layer.index() == 1 ? "" : ", ";
            kernels.add("$Laffine$L", separator, layer.index());
            activations.add("$L$T.$L", separator, RuntimeNames.ACTIVATION_FUNCTION, layer.activation().name());
        }
        m.addStatement("differences = new $T(lastLayer, $T.of($L),\n$T.of($L))", RuntimeNames.DIFFERENCES, List.class,
                kernels.build(), List.class, activations.build());
        return m.build();
    }

    private MethodSpec predict() {
        return MethodSpec.methodBuilder("predict")
                .addJavadoc("The book's {@code predict}, each layer's forward pass in order ($L), then the output function\n"
                        + "of $L, so that {@code out} holds $L ({@code rows × $L}, row-major).\n", chain(), lastLayerName(),
                        softmaxOutput ? "each class's probability" : "the network's outputs", spec.outputs())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(DOUBLES, "inputs")
                .addParameter(TypeName.INT, "rows")
                .addParameter(DOUBLES, "out")
                .addStatement("fit(x.set(inputs, rows, out))")
                .addStatement("$T.inTwoHalves(rows, predictRows)", RuntimeNames.KERNELS)
                .addStatement("x.clear()")
                .addStatement("lastLayer.outputs($L, out, 0, rows)", scores())
                .build();
    }

    private MethodSpec loss() {
        return MethodSpec.methodBuilder("loss")
                .addJavadoc("The book's {@code loss}: {@code predict}, then $L's forward pass, averaged over the batch.\n",
                        lastLayerName())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addStatement("int rows = begin(batch)")
                .addStatement("$T.inTwoHalves(rows, lossRows)", RuntimeNames.KERNELS)
                .addStatement("x.clear()")
                .addStatement("return $T.mean(rowLoss, rows)", RuntimeNames.LOSS_KERNEL)
                .build();
    }

    private MethodSpec accuracy() {
        return MethodSpec.methodBuilder("accuracy")
                .addJavadoc("The book's {@code accuracy}: the fraction of rows whose largest $L is at the row's label.\n",
                        softmaxOutput ? "score" : "output")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addStatement("int rows = begin(batch)")
                .addStatement("$T.inTwoHalves(rows, predictRows)", RuntimeNames.KERNELS)
                .addStatement("x.clear()")
                .addStatement("return $T.accuracy($L, batch.getLabels(), rows, OUTPUTS)", RuntimeNames.LOSS_KERNEL,
                        scores())
                .build();
    }

    private MethodSpec numericalGradient() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("numericalGradient")
                .addJavadoc("The book's {@code numerical_gradient}: {@code (L(w + h) − L(w − h)) / 2h}, {@code h = 1e-4}, for every\n"
                        + "parameter, in the book's order. One forward pass caches every row's loss; a perturbed weight moves\n"
                        + "one unit, so only that unit and what follows it are recomputed for the rows it changes.\n")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addParameter(RuntimeNames.GRADIENTS, "grads")
                .addStatement("grads.requireShapesOf(parameters)")
                .addStatement("int rows = begin(batch)")
                .addStatement("$T.inTwoHalves(rows, lossRows)", RuntimeNames.KERNELS)
                .addComment("each layer's cached pre-activations and outputs, from which a perturbed unit's loss is found")
                .addStatement("differences.begin(batch, rowLoss)");
        for (LayerSpec layer : layers) {
            int k = layer.index();
            m.addStatement("differences.layer($L, a$L, $L)", k, k, k == last ? outputs() : output(layer));
        }
        for (LayerSpec layer : layers) {
            int w = 2 * (layer.index() - 1);
            m.addComment("$L, $L", layer.weightName(), layer.biasName());
            m.addStatement("differences.parameters($L, $L, $L)", layer.index(), grad("grads", w), grad("grads", w + 1));
        }
        return m.addStatement("differences.end()")
                .addStatement("x.clear()")
                .build();
    }

    private MethodSpec gradient() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("gradient")
                .addJavadoc("The book's {@code gradient}: forward ({@code loss}), then each layer's backward in reverse, from\n"
                        + "$L to Affine1; returns the loss.\n", lastLayerName())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addParameter(RuntimeNames.GRADIENTS, "grads")
                .addStatement("grads.requireShapesOf(parameters)")
                .addStatement("int rows = begin(batch)")
                .addStatement("$T.inTwoHalves(rows, gradientRows)", RuntimeNames.KERNELS);
        for (int k = last; k >= 1; k--) {
            LayerSpec layer = layer(k);
            int w = 2 * (k - 1);
            m.addComment("Affine$L: dW$L = $Lᵀ · d$L, db$L = Σ d$L", k, k, input(layer), k, k, k);
            if (k == 1) {
                m.addStatement("affine1.gradients(x, d1, $L, $L)", grad("grads", 0), grad("grads", 1));
            } else {
                m.addStatement("affine$L.gradients($L, rows, d$L, $L, $L)", k, input(layer), k, grad("grads", w),
                        grad("grads", w + 1));
            }
        }
        return m.addStatement("x.clear()")
                .addStatement("return $T.mean(rowLoss, rows)", RuntimeNames.LOSS_KERNEL)
                .build();
    }

    private MethodSpec sgdStep() {
        return MethodSpec.methodBuilder("sgdStep")
                .addJavadoc("{@link #gradient} and a step of plain SGD in one pass, as a trainer with {@code Sgd} calls it: the\n"
                        + "parameters become exactly {@code W ← W − lr·(dW + λ·W)}, {@code b ← b − lr·db}, but dW1, the largest\n"
                        + "gradient, is applied row by row as it is computed and never stored.\n\n"
                        + "@return the loss before the step; when it is not finite, no parameter is changed\n")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addParameter(RuntimeNames.SGD_UPDATE, "update")
                .addStatement("update.getGradients().requireShapesOf(parameters)")
                .addStatement("int rows = begin(batch)")
                .addStatement("$T.inTwoHalves(rows, gradientRows)", RuntimeNames.KERNELS)
                .addStatement("double loss = $T.mean(rowLoss, rows)", RuntimeNames.LOSS_KERNEL)
                .beginControlFlow("if ($T.isFinite(loss))", Double.class)
                .addComment("Affine1: W1 ← W1 − lr·(xᵀ · d1 + λ·W1), row by row as xᵀ · d1 is computed, on both cores;")
                .addComment("this thread updates the other parameters meanwhile")
                .addStatement("affine1.sgd(x, d1, update, otherLayersSgd)")
                .endControlFlow()
                .addStatement("x.clear()")
                .addStatement("return loss")
                .build();
    }

    private MethodSpec score() {
        return MethodSpec.methodBuilder("score")
                .addJavadoc("{@link #loss}'s pass, handing each row's $L and loss to an evaluation.\n",
                        softmaxOutput ? "scores" : "outputs")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addParameter(RuntimeNames.SCORED.nestedClass("Sink"), "sink")
                .addStatement("int rows = begin(batch)")
                .addStatement("$T.inTwoHalves(rows, lossRows)", RuntimeNames.KERNELS)
                .addStatement("x.clear()")
                .addStatement("sink.accept(batch, $L, rowLoss)", scores())
                .build();
    }

    private MethodSpec summary() {
        CodeBlock.Builder layersCode = CodeBlock.builder().add("return $T.of($S, INPUTS, $T.$L)", RuntimeNames.SUMMARY,
                spec.modelName(), RuntimeNames.LOSS_FUNCTION, spec.loss().name());
        for (LayerSpec layer : layers) {
            layersCode.add("\n.dense($S, $L, $T.$L)", layer.name(), units(layer), RuntimeNames.ACTIVATION_FUNCTION,
                    layer.activation().name());
        }
        return MethodSpec.methodBuilder("summary")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(RuntimeNames.SUMMARY)
                .addStatement(layersCode.build())
                .build();
    }

    private MethodSpec initialize() {
        StringBuilder inits = new StringBuilder();
        for (LayerSpec layer : layers) {
            inits.append(inits.length() == 0 ? "" : ", ").append(layer.weightName()).append(' ').append(layer.init());
        }
        MethodSpec.Builder m = MethodSpec.methodBuilder("initialize")
                .addJavadoc("Initialises the parameters as declared — $L — biases to zero, drawing the weights in order\n"
                        + "from {@code new Well19937c(seed)}: the same seed gives the same weights, bit for bit.\n", inits)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(TypeName.LONG, "seed")
                .addStatement("$T random = new $T(seed)", RuntimeNames.RANDOM_GENERATOR, RuntimeNames.WELL19937C);
        for (int p = 0; p < 2 * last; p++) {
            m.addStatement("$T.initialize(parameters.get($L), $T.$L, random)", RuntimeNames.INITIALIZERS, p,
                    RuntimeNames.INIT_METHOD, layers.get(p / 2).init().name());
        }
        return m.build();
    }

    private static MethodSpec getter(String name, TypeName type, CodeBlock body) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(type)
                .addStatement(body)
                .build();
    }

    // ----------------------------------------------------------------------------------------- the passes ----

    /** A private method {@code name(int from, int to)} over the rows of one core. */
    private static MethodSpec.Builder rowMethod(String name, String doc, Object... args) {
        return MethodSpec.methodBuilder(name)
                .addJavadoc(doc, args)
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "from")
                .addParameter(TypeName.INT, "to");
    }

    private MethodSpec predictRows() {
        MethodSpec.Builder m = rowMethod("predictRows",
                "The book's {@code predict} for rows {@code [from, to)}: each layer's forward pass in order.\n");
        for (LayerSpec layer : layers) {
            int k = layer.index();
            m.addComment("Affine$L: a$L = $L · W$L + b$L   [rows × $L]", k, k, input(layer), k, k, layer.units());
            m.addStatement("affine$L.forward($L, from, to, a$L)", k, input(layer), k);
            if (activates(layer) && (k < last || !softmaxOutput)) {
                m.addComment("$L: z$L = $L", activationLayer(layer), k, formula(layer));
                m.addStatement("$T.$L(a$L, z$L, from, to, $L)", RuntimeNames.ACTIVATIONS, activationMethod(layer), k, k,
                        units(layer));
            }
        }
        return m.build();
    }

    /** The activation of layer {@code k} as the book writes it, e.g. {@code max(0, a1)}. */
    private static String formula(LayerSpec layer) {
        String a = "a" + layer.index();
        return switch (layer.activation()) {
            case RELU -> "max(0, " + a + ")";
            case SIGMOID -> "1 / (1 + exp(−" + a + "))";
            case TANH -> "tanh(" + a + ")";
            default -> a;
        };
    }

    private static String activationMethod(LayerSpec layer) {
        return layer.activation().name().toLowerCase(java.util.Locale.ROOT);
    }

    private MethodSpec lossRows() {
        MethodSpec.Builder m = rowMethod("lossRows",
                "The book's {@code loss} for rows {@code [from, to)}: {@code predict}, then $L's forward pass, each\n"
                        + "row's loss kept apart for the mean.\n", lastLayerName());
        m.addStatement("predictRows(from, to)");
        if (softmaxOutput) {
            m.addComment("$L: y = softmax(a$L), each row's −Σ t·log(y + 1e-7)", lastLayerName(), last);
        } else {
            m.addComment("$L: each row's ½·Σ ($L − t)²", lastLayerName(), outputs());
        }
        return m.addStatement("lastLayer.forward($L, x.targets(), $L, rowLoss, from, to)", scores(), outputs()).build();
    }

    private MethodSpec gradientRows() {
        MethodSpec.Builder m = rowMethod("gradientRows",
                "The book's {@code gradient} for rows {@code [from, to)}: {@code loss}, then backward down to Affine1's\n"
                        + "output; the parameters' gradients, sums over every row, follow in {@link #gradient}.\n");
        m.addStatement("lossRows(from, to)");
        LayerSpec lastSpec = layer(last);
        boolean outputActivation = !softmaxOutput && activates(lastSpec);
        m.addComment("$L backward: $L = ($L − t) / rows", lastLayerName(), outputActivation ? "dz" + last : "d" + last,
                outputs());
        m.addStatement("lastLayer.backward($L, x.targets(), x.rows(), $L, from, to)", outputs(),
                outputActivation ? "dz" + last : "d" + last);
        if (outputActivation) {
            activationBackward(m, lastSpec);
        }
        for (int k = last; k >= 2; k--) {
            LayerSpec previous = layer(k - 1);
            m.addComment("Affine$L backward: $L = d$L · W$Lᵀ", k, outputGradient(previous), k, k);
            m.addStatement("affine$L.backward(d$L, from, to, $L)", k, k, outputGradient(previous));
            if (activates(previous)) {
                activationBackward(m, previous);
            }
        }
        return m.build();
    }

    private void activationBackward(MethodSpec.Builder m, LayerSpec layer) {
        int k = layer.index();
        m.addComment("$L backward: d$L = dz$L ⊙ $L", activationLayer(layer), k, k, derivative(layer));
        m.addStatement("$T.$LBackward(z$L, dz$L, d$L, from, to, $L)", RuntimeNames.ACTIVATIONS, activationMethod(layer),
                k, k, k, units(layer));
    }

    private static String derivative(LayerSpec layer) {
        int k = layer.index();
        return switch (layer.activation()) {
            case RELU -> "[z" + k + " > 0]";
            case SIGMOID -> "z" + k + "·(1 − z" + k + ")";
            case TANH -> "(1 − z" + k + "²)";
            default -> throw new IllegalArgumentException(layer.activation() + " has no backward of its own");
        };
    }

    private MethodSpec otherLayersSgd() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("otherLayersSgd")
                .addJavadoc("The rest of {@link #sgdStep}, on this thread while both cores update W1: every other parameter's\n"
                        + "gradient, as {@link #gradient} computes it, and its update.\n")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(RuntimeNames.SGD_UPDATE, "update")
                .addStatement("$T grads = update.getGradients()", RuntimeNames.GRADIENTS);
        for (int k = last; k >= 2; k--) {
            LayerSpec layer = layer(k);
            int w = 2 * (k - 1);
            m.addComment("Affine$L: dW$L = $Lᵀ · d$L, db$L = Σ d$L, then W$L ← W$L − lr·(dW$L + λ·W$L), b$L ← b$L − lr·db$L", k,
                    k, input(layer), k, k, k, k, k, k, k, k, k, k);
            m.addStatement("affine$L.gradients($L, x.rows(), d$L, $L, $L)", k, input(layer), k, grad("grads", w),
                    grad("grads", w + 1));
            m.addStatement("update.weights(W$L, $L)", k, grad("grads", w));
            m.addStatement("update.biases(b$L, $L)", k, grad("grads", w + 1));
        }
        return m.addComment("Affine1: db1 = Σ d1, then b1 ← b1 − lr·db1")
                .addStatement("affine1.biasGradient(d1, x.rows(), $L)", grad("grads", 1))
                .addStatement("update.biases(b1, $L)", grad("grads", 1))
                .build();
    }

    private MethodSpec begin() {
        return MethodSpec.methodBuilder("begin")
                .addJavadoc("Takes {@code batch} as the pass's {@code x} and {@code t}, checks that it fits, sizes the buffers.\n")
                .addModifiers(Modifier.PRIVATE)
                .returns(TypeName.INT)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addStatement("int rows = x.set(batch)")
                .addStatement("fit(rows)")
                .addStatement("return rows")
                .build();
    }

    private MethodSpec fit() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("fit")
                .addJavadoc("Sizes the buffers for {@code rows} rows; smaller batches reuse them, so no call allocates after warm-up.\n")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "rows")
                .beginControlFlow("if (rows <= capacity)")
                .addStatement("return")
                .endControlFlow()
                .addStatement("capacity = rows");
        for (LayerSpec layer : layers) {
            int k = layer.index();
            m.addStatement("a$L = new double[rows * $L]", k, units(layer));
            if (activates(layer)) {
                m.addStatement("z$L = new double[rows * $L]", k, units(layer));
                m.addStatement("dz$L = new double[rows * $L]", k, units(layer));
            }
            m.addStatement("d$L = new double[rows * $L]", k, units(layer));
        }
        if (softmaxOutput) {
            m.addStatement("y = new double[rows * OUTPUTS]");
        }
        return m.addStatement("rowLoss = new double[rows]").build();
    }
}
