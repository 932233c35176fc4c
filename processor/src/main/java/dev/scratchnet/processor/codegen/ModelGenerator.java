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
import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Network>Model}: the declared network as straight-line Java, every dimension a
 * constant, each layer's forward, backward and numerical-gradient step a method of its own.
 *
 * <p>Names in generated code: {@code W1, b1, …} are parameters (book names); {@code a1} holds layer
 * 1's pre-activations and {@code z1} its activations, {@code y} the softmax probabilities,
 * {@code d1} the gradient of the loss with respect to {@code a1}; {@code s2}/{@code u2} hold one
 * sample's perturbed pre-activations/activations of layer 2 during the numerical gradient.
 *
 * <p>With a softmax output, the numerical gradient of the last two layers' parameters is left to the
 * runtime's incremental kernels ({@code Kernels.softmaxOutputDifferences}, {@code
 * Kernels.softmaxHiddenDifferences}); the generated {@code unit<k>Loss} methods remain their exact fallback.
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
                .addAnnotation(generated())
                .addJavadoc(classJavadoc());
        constants(type);
        parameterFields(type);
        bufferFields(type);
        type.addMethod(constructor());
        type.addMethod(getter("getInputs", TypeName.INT, CodeBlock.of("return INPUTS")));
        type.addMethod(getter("getOutputs", TypeName.INT, CodeBlock.of("return OUTPUTS")));
        type.addMethod(getter("getLoss", RuntimeNames.LOSS_FUNCTION,
                CodeBlock.of("return $T.$L", RuntimeNames.LOSS_FUNCTION, spec.loss().name())));
        type.addMethod(getter("getParameters",
                ParameterizedTypeName.get(ClassName.get(List.class), RuntimeNames.PARAMETER),
                CodeBlock.of("return parameters")));
        type.addMethod(initialize());
        type.addMethod(predict());
        type.addMethod(loss());
        type.addMethod(accuracy());
        type.addMethod(gradient());
        type.addMethod(numericalGradient());
        type.addMethod(sgdStep());
        type.addMethod(otherParametersSgd());
        type.addMethod(sgdUpdate());
        type.addMethod(prepare());
        type.addMethod(checkGradients());
        type.addMethod(ensureCapacity());
        type.addMethod(sgdWeights());
        type.addMethod(sgdBiases());
        type.addMethod(forward(true));
        type.addMethod(forward(false));
        if (softmaxOutput) {
            type.addMethod(scores());
        }
        type.addMethod(forwardBackward());
        type.addMethod(inputAffine());
        if (softmaxOutput) {
            type.addMethod(scoresRows());
        }
        type.addMethod(forwardRows());
        type.addMethod(forwardBackwardRows());
        for (LayerSpec layer : layers) {
            type.addMethod(layerForward(layer));
        }
        if (softmaxOutput) {
            type.addMethod(softmaxRows());
        }
        type.addMethod(sampleLosses());
        type.addMethod(sampleLossRows());
        type.addMethod(meanLoss());
        type.addMethod(outputLoss());
        type.addMethod(outputBackward());
        for (int k = last; k >= 2; k--) {
            type.addMethod(layerBackward(layer(k)));
        }
        for (int k = last; k >= 1; k--) {
            type.addMethod(layerParameters(layer(k)));
        }
        for (LayerSpec layer : layers) {
            type.addMethod(numericalWeights(layer));
            type.addMethod(numericalBias(layer));
            type.addMethod(unitLoss(layer));
        }
        for (int k = 2; k < last; k++) {
            type.addMethod(lossFrom(layer(k)));
        }
        return type;
    }

    private LayerSpec layer(int k) {
        return layers.get(k - 1);
    }

    private AnnotationSpec generated() {
        return AnnotationSpec.builder(RuntimeNames.GENERATED)
                .addMember("value", "$S", RuntimeNames.PROCESSOR)
                .addMember("comments", "$S", "from " + spec.declaringClass())
                .build();
    }

    private CodeBlock classJavadoc() {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The network declared by {@link $L}, compiled by scratchnet into straight-line code.\n\n",
                        spec.declaringClass())
                .add("<pre>\n");
        doc.add("input    [batch × $L]\n", spec.inputs());
        for (LayerSpec layer : layers) {
            doc.add("$L $L [batch × $L]  W$L [$L × $L], b$L [$L]\n",
                    layer.activation(), layer.name(), layer.units(), layer.index(), layer.inputs(), layer.units(),
                    layer.index(), layer.units());
        }
        doc.add("loss     $L\n", spec.loss()).add("</pre>\n\n");
        doc.add("Forward, loss, accuracy, backpropagation (the book's computational graph: Affine → activation\n")
                .add("→ … → $L, then backward in reverse) and a numerical gradient that recomputes only what a\n",
                        softmaxOutput ? "SoftmaxWithLoss" : "mean squared error")
                .add("perturbed parameter changes. A pass over a batch shares its rows between two cores\n")
                .add("({@code Kernels.inTwoHalves}): each core runs every layer, forward and back, for its own rows,\n")
                .add("and a row's values never depend on which core computed them. Work buffers grow to the largest\n")
                .add("batch seen and are reused, so after warm-up no call allocates. Not thread-safe: one model, one\n")
                .add("thread.\n");
        return doc.build();
    }

    private void constants(TypeSpec.Builder type) {
        type.addField(constant("INPUTS", spec.inputs(), "Width of one input row."));
        for (LayerSpec layer : layers) {
            type.addField(constant(units(layer), layer.units(), "Units of layer " + layer.index() + ", {@code "
                    + layer.name() + "} (" + layer.activation() + ")."));
        }
        type.addField(FieldSpec.builder(TypeName.INT, "OUTPUTS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Width of one output row.\n")
                .initializer("$L", units(layer(last)))
                .build());
        type.addField(FieldSpec.builder(TypeName.DOUBLE, "H", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Step of the central difference, as in the book.\n")
                .initializer("1e-4")
                .build());
    }

    private static FieldSpec constant(String name, int value, String doc) {
        return FieldSpec.builder(TypeName.INT, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + "\n")
                .initializer("$L", value)
                .build();
    }

    private static String units(LayerSpec layer) {
        return "UNITS_" + layer.index();
    }

    private String inputWidth(LayerSpec layer) {
        return layer.index() == 1 ? "INPUTS" : units(layer(layer.index() - 1));
    }

    /** The array holding layer {@code k}'s input rows. */
    private static String inputOf(LayerSpec layer) {
        return layer.index() == 1 ? "x" : "z" + (layer.index() - 1);
    }

    /** The array that {@code predict} returns rows of. */
    /** The array whose largest value in a row is the prediction: the scores {@code aL} of a softmax network. */
    private String predictionArray() {
        return softmaxOutput ? "a" + last : outputArray();
    }

    private String outputArray() {
        if (softmaxOutput) {
            return "y";
        }
        return Activations.isIdentity(layer(last).activation()) ? "a" + last : "z" + last;
    }

    private boolean hasActivations(LayerSpec layer) {
        return layer.index() < last || (!softmaxOutput && !Activations.isIdentity(layer.activation()));
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
        type.addField(FieldSpec.builder(
                        ParameterizedTypeName.get(ClassName.get(List.class), RuntimeNames.PARAMETER),
                        "parameters", Modifier.PRIVATE, Modifier.FINAL)
                .build());
    }

    private void bufferFields(TypeSpec.Builder type) {
        type.addField(FieldSpec.builder(TypeName.INT, "capacity", Modifier.PRIVATE)
                .addJavadoc("Rows the work buffers below can hold.\n")
                .build());
        for (LayerSpec layer : layers) {
            int k = layer.index();
            buffer(type, "a" + k, "pre-activations of layer " + k + ": [rows × " + layer.units() + "]");
            if (hasActivations(layer)) {
                buffer(type, "z" + k, "activations of layer " + k + ": [rows × " + layer.units() + "]");
            }
            buffer(type, "d" + k, "gradient of the loss with respect to a" + k + ": [rows × " + layer.units() + "]");
        }
        if (softmaxOutput) {
            buffer(type, "y", "softmax probabilities: [rows × " + layer(last).units() + "]");
        }
        buffer(type, "sampleLoss", "loss of each row, before averaging: [rows]");
        for (LayerSpec layer : layers) {
            int k = layer.index();
            if (k >= 2 || k == last) {
                type.addField(FieldSpec.builder(DOUBLES, "s" + k, Modifier.PRIVATE, Modifier.FINAL)
                        .addJavadoc("One sample's pre-activations of layer $L under a perturbation: [$L].\n", k, layer.units())
                        .initializer("new double[$L]", units(layer))
                        .build());
            }
            if (k >= 2 && k < last) {
                type.addField(FieldSpec.builder(DOUBLES, "u" + k, Modifier.PRIVATE, Modifier.FINAL)
                        .addJavadoc("One sample's activations of layer $L under a perturbation: [$L].\n", k, layer.units())
                        .initializer("new double[$L]", units(layer))
                        .build());
            }
        }
        if (softmaxOutput) {
            buffer(type, "ones", "a column of ones, the input that a bias multiplies: [rows]");
            for (LayerSpec layer : layers) {
                if (usesSoftmaxKernel(layer)) {
                    int k = layer.index();
                    type.addField(methodField(RuntimeNames.UNIT_LOSS, "unit" + k + "Exact", "unit" + k + "Loss",
                            "the kernels"));
                }
            }
        }
        type.addField(FieldSpec.builder(RuntimeNames.BATCH, "input", Modifier.PRIVATE)
                .addJavadoc("The batch whose rows the row methods read, during the pass that calls them; null when the\n"
                        + "pass reads the dense rows given to {@link #predict}, {@link #inputX}. Cleared after each pass,\n"
                        + "so that the model does not keep its caller's arrays.\n")
                .build());
        type.addField(FieldSpec.builder(DOUBLES, "inputX", Modifier.PRIVATE)
                .addJavadoc("The dense input rows of a {@link #predict} call during its pass, read when {@link #input} is null.\n")
                .build());
        if (softmaxOutput) {
            type.addField(rangeField("scoresRows"));
        }
        type.addField(rangeField("forwardRows"));
        type.addField(rangeField("forwardBackwardRows"));
        type.addField(methodField(ClassName.get(Runnable.class), "otherParametersSgd", "otherParametersSgd",
                "{@code Kernels.transposeTimesSgd}"));
        type.addField(FieldSpec.builder(RuntimeNames.GRADIENTS, "stepWork", Modifier.PRIVATE)
                .addJavadoc("The arguments of the {@link #sgdStep} in progress ({@code stepWork} to {@code stepLambda}), for\n"
                        + "{@link #otherParametersSgd}; {@code stepWork} is cleared when the step ends.\n")
                .build());
        type.addField(FieldSpec.builder(TypeName.INT, "stepRows", Modifier.PRIVATE).build());
        type.addField(FieldSpec.builder(TypeName.DOUBLE, "stepRate", Modifier.PRIVATE).build());
        type.addField(FieldSpec.builder(TypeName.DOUBLE, "stepLambda", Modifier.PRIVATE).build());
        type.addField(FieldSpec.builder(DOUBLES, "t", Modifier.PRIVATE)
                .addJavadoc("Targets of the batch whose numerical gradient is being computed.\n")
                .initializer("new double[0]")
                .build());
    }

    /** A {@code Kernels.Range} field for {@code Kernels.inTwoHalves}, created once so that no call allocates. */
    private static FieldSpec rangeField(String method) {
        return methodField(RuntimeNames.KERNELS.nestedClass("Range"), method, method, "{@code Kernels.inTwoHalves}");
    }

    /**
     * A final field {@code name} of {@code type} holding {@code this::method}, for {@code user} (a kernel taking a
     * callback), created once so that no call allocates.
     */
    private static FieldSpec methodField(TypeName type, String name, String method, String user) {
        return FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("{@link #$L} for $L, created once so that no call allocates.\n", method, user)
                .initializer("this::$L", method)
                .build();
    }

    private static void buffer(TypeSpec.Builder type, String name, String doc) {
        type.addField(FieldSpec.builder(DOUBLES, name, Modifier.PRIVATE)
                .addJavadoc(doc + ".\n")
                .initializer("new double[0]")
                .build());
    }

    private MethodSpec constructor() {
        CodeBlock.Builder list = CodeBlock.builder().add("parameters = $T.of(", List.class);
        for (LayerSpec layer : layers) {
            list.add(layer.index() == 1 ? "\n" : ",\n")
                    .add("new $T($S, new int[] {$L, $L}, $L),\n", RuntimeNames.PARAMETER, layer.weightName(),
                            inputWidth(layer), units(layer), layer.weightName())
                    .add("new $T($S, new int[] {$L}, $L)", RuntimeNames.PARAMETER, layer.biasName(), units(layer),
                            layer.biasName());
        }
        list.add(")");
        return MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("A model whose parameters are all zero; initialise them through {@link #getParameters()}.\n")
                .addStatement(list.build())
                .build();
    }

    /** {@code initialize(seed)}: each layer's weights by its declared {@code @Init}, biases zero, from one seeded stream. */
    private MethodSpec initialize() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("initialize")
                .addJavadoc("Initialises the parameters as declared — $L — biases to zero, drawing the weights in order\n"
                        + "from {@code new Well19937c(seed)}: the same seed gives the same weights, bit for bit.\n", initDoc())
                .addModifiers(Modifier.PUBLIC)
                .addParameter(TypeName.LONG, "seed")
                .addStatement("$T random = new $T(seed)", RuntimeNames.RANDOM_GENERATOR, RuntimeNames.WELL19937C);
        int index = 0;
        for (LayerSpec layer : layers) {
            m.addStatement("$T.initialize(parameters.get($L), $T.$L, random)", RuntimeNames.INITIALIZERS, index,
                    RuntimeNames.INIT_METHOD, layer.init().name());
            m.addStatement("$T.initialize(parameters.get($L), $T.$L, random)", RuntimeNames.INITIALIZERS, index + 1,
                    RuntimeNames.INIT_METHOD, layer.init().name());
            index += 2;
        }
        return m.build();
    }

    private String initDoc() {
        StringBuilder doc = new StringBuilder();
        for (LayerSpec layer : layers) {
            doc.append(doc.length() == 0 ? "" : ", ").append(layer.weightName()).append(' ').append(layer.init());
        }
        return doc.toString();
    }

    private static MethodSpec getter(String name, TypeName type, CodeBlock body) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(type)
                .addStatement(body)
                .build();
    }

    private MethodSpec predict() {
        return MethodSpec.methodBuilder("predict")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(DOUBLES, "x")
                .addParameter(TypeName.INT, "rows")
                .addParameter(DOUBLES, "out")
                .beginControlFlow("if (rows <= 0)")
                .addStatement("throw new $T($S + rows)", IllegalArgumentException.class, "rows must be positive, got ")
                .endControlFlow()
                .beginControlFlow("if (x.length < rows * INPUTS)")
                .addStatement("throw new $T($S + rows + $S + INPUTS + $S + x.length)", IllegalArgumentException.class,
                        "expected ", " input rows of ", " values, got ")
                .endControlFlow()
                .beginControlFlow("if (out.length < rows * OUTPUTS)")
                .addStatement("throw new $T($S + rows + $S + OUTPUTS + $S + out.length)", IllegalArgumentException.class,
                        "out must hold ", " rows of ", " outputs, has ")
                .endControlFlow()
                .addStatement("ensureCapacity(rows)")
                .addStatement("forward(x, rows)")
                .addStatement("$T.arraycopy($L, 0, out, 0, rows * OUTPUTS)", System.class, outputArray())
                .build();
    }

    private MethodSpec loss() {
        return MethodSpec.methodBuilder("loss")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addStatement("int rows = prepare(batch)")
                .addStatement("forward(batch, rows)")
                .addStatement("return sampleLosses(batch.getT(), rows)")
                .build();
    }

    private MethodSpec accuracy() {
        return MethodSpec.methodBuilder("accuracy")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addStatement("int rows = prepare(batch)")
                .addStatement(softmaxOutput ? "scores(batch, rows)" : "forward(batch, rows)")
                .addStatement("int[] labels = batch.getLabels()")
                .addStatement("int correct = 0")
                .beginControlFlow("for (int r = 0; r < rows; r++)")
                .addStatement("int row = r * OUTPUTS")
                .addStatement("int best = 0")
                .beginControlFlow("for (int j = 1; j < OUTPUTS; j++)")
                .beginControlFlow("if ($L[row + j] > $L[row + best])", predictionArray(), predictionArray())
                .addStatement("best = j")
                .endControlFlow()
                .endControlFlow()
                .beginControlFlow("if (best == labels[r])")
                .addStatement("correct++")
                .endControlFlow()
                .endControlFlow()
                .addStatement("return (double) correct / rows")
                .build();
    }

    private MethodSpec gradient() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("gradient")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addParameter(RuntimeNames.GRADIENTS, "out")
                .addStatement("int rows = prepare(batch)")
                .addStatement("checkGradients(out)")
                .addStatement("double loss = forwardBackward(batch, rows)");
        for (int k = last; k >= 1; k--) {
            m.addStatement("layer$LParameters($Lrows, out.get($L), out.get($L))", k, k == 1 ? "batch, " : "",
                    2 * (k - 1), 2 * (k - 1) + 1);
        }
        return m.addStatement("return loss").build();
    }

    private MethodSpec numericalGradient() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("numericalGradient")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addParameter(RuntimeNames.GRADIENTS, "out")
                .addStatement("int rows = prepare(batch)")
                .addStatement("checkGradients(out)")
                .addStatement("double[] x = batch.readX()")
                .addStatement("t = batch.getT()")
                .addStatement("forward(batch, rows)")
                .addStatement("sampleLosses(t, rows)");
        for (LayerSpec layer : layers) {
            int k = layer.index();
            m.addStatement("numericalW$L($Lrows, out.get($L))", k, k == 1 ? "x, " : "", 2 * (k - 1));
            m.addStatement("numericalB$L(rows, out.get($L))", k, 2 * (k - 1) + 1);
        }
        return m.build();
    }

    private MethodSpec sgdStep() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("sgdStep")
                .addJavadoc("One step of stochastic gradient descent on {@code batch}: the parameters become exactly what\n"
                        + "{@link #gradient} followed by {@link #sgdUpdate} makes them, but W1's gradient is applied row by row as\n"
                        + "it is computed and never stored ({@code work.get(0)} is left as it was), which spares the memory\n"
                        + "traffic of the largest array. The other gradients are left in {@code work}.\n"
                        + "\n"
                        + "@return the batch loss before the step; when it is not finite, no parameter is changed\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addParameter(RuntimeNames.GRADIENTS, "work")
                .addParameter(TypeName.DOUBLE, "learningRate")
                .addParameter(TypeName.DOUBLE, "lambda")
                .addStatement("int rows = prepare(batch)")
                .addStatement("checkGradients(work)")
                .addStatement("double loss = forwardBackward(batch, rows)")
                .beginControlFlow("if (!$T.isFinite(loss))", Double.class)
                .addStatement("return loss")
                .endControlFlow();
        m.addStatement("stepWork = work")
                .addStatement("stepRows = rows")
                .addStatement("stepRate = learningRate")
                .addStatement("stepLambda = lambda")
                .addComment("W1 ← W1 − lr·(xᵀ · d1 + λ·W1), each row as its gradient is computed, on both cores; this")
                .addComment("thread first does the rest of the step (otherParametersSgd), which the split counts")
                .addStatement("$T.transposeTimesSgd(batch, d1, $L, W1, learningRate, lambda, otherParametersSgd)",
                        RuntimeNames.KERNELS, units(layer(1)))
                .addStatement("stepWork = null");
        return m.addStatement("return loss").build();
    }

    /**
     * The part of {@code sgdStep} that does not touch W1, run by {@code Kernels.transposeTimesSgd} on the calling
     * thread while the second core starts on W1: the other layers' gradients, {@code db1} and every other update.
     */
    private MethodSpec otherParametersSgd() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("otherParametersSgd")
                .addJavadoc("The rest of {@link #sgdStep} besides W1's update, which it does not touch: the other layers'\n"
                        + "gradients, {@code db1} and their updates, for {@code Kernels.transposeTimesSgd} to run on this\n"
                        + "thread while the second core starts on W1.\n")
                .addModifiers(Modifier.PRIVATE);
        for (int k = last; k >= 2; k--) {
            m.addStatement("layer$LParameters(stepRows, stepWork.get($L), stepWork.get($L))", k, 2 * (k - 1),
                    2 * (k - 1) + 1);
        }
        LayerSpec first = layer(1);
        m.addComment("db1: [$L] = Σ_rows d1", first.units());
        m.addStatement("$T.sumRows(d1, stepRows, $L, stepWork.get(1))", RuntimeNames.KERNELS, units(first));
        m.addStatement("sgdBiases(b1, stepWork.get(1), stepRate)");
        for (int k = 2; k <= last; k++) {
            m.addStatement("sgdWeights(W$L, stepWork.get($L), stepRate, stepLambda)", k, 2 * (k - 1));
            m.addStatement("sgdBiases(b$L, stepWork.get($L), stepRate)", k, 2 * (k - 1) + 1);
        }
        return m.build();
    }

    private MethodSpec sgdUpdate() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("sgdUpdate")
                .addJavadoc("Stochastic gradient descent with weight decay on the weights: {@code W ← W − lr·(g + λ·W)}\n"
                        + "({@code W ← W − lr·g} when {@code lambda} is 0) and {@code b ← b − lr·g}, from the gradients {@code g}.\n")
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.GRADIENTS, "g")
                .addParameter(TypeName.DOUBLE, "learningRate")
                .addParameter(TypeName.DOUBLE, "lambda")
                .addStatement("checkGradients(g)");
        for (LayerSpec layer : layers) {
            int k = layer.index();
            m.addStatement("sgdWeights(W$L, g.get($L), learningRate, lambda)", k, 2 * (k - 1));
            m.addStatement("sgdBiases(b$L, g.get($L), learningRate)", k, 2 * (k - 1) + 1);
        }
        return m.build();
    }

    private static MethodSpec sgdWeights() {
        return MethodSpec.methodBuilder("sgdWeights")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(DOUBLES, "w")
                .addParameter(DOUBLES, "g")
                .addParameter(TypeName.DOUBLE, "lr")
                .addParameter(TypeName.DOUBLE, "lambda")
                .beginControlFlow("if (lambda > 0)")
                .beginControlFlow("for (int p = 0; p < w.length; p++)")
                .addStatement("w[p] -= lr * (g[p] + lambda * w[p])")
                .endControlFlow()
                .nextControlFlow("else")
                .beginControlFlow("for (int p = 0; p < w.length; p++)")
                .addStatement("w[p] -= lr * g[p]")
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    private static MethodSpec sgdBiases() {
        return MethodSpec.methodBuilder("sgdBiases")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(DOUBLES, "b")
                .addParameter(DOUBLES, "g")
                .addParameter(TypeName.DOUBLE, "lr")
                .beginControlFlow("for (int p = 0; p < b.length; p++)")
                .addStatement("b[p] -= lr * g[p]")
                .endControlFlow()
                .build();
    }

    private MethodSpec prepare() {
        return MethodSpec.methodBuilder("prepare")
                .addJavadoc("Checks that {@code batch} fits this network and sizes the work buffers for it.\n")
                .addModifiers(Modifier.PRIVATE)
                .returns(TypeName.INT)
                .addParameter(RuntimeNames.BATCH, "batch")
                .beginControlFlow("if (batch.getInputs() != INPUTS)")
                .addStatement("throw new $T($S + batch.getInputs() + $S + INPUTS)", IllegalArgumentException.class,
                        "batch rows have ", " inputs; " + spec.modelName() + " expects ")
                .endControlFlow()
                .beginControlFlow("if (batch.getOutputs() != OUTPUTS)")
                .addStatement("throw new $T($S + batch.getOutputs() + $S + OUTPUTS)", IllegalArgumentException.class,
                        "batch targets have ", " columns; " + spec.modelName() + " has outputs ")
                .endControlFlow()
                .addStatement("ensureCapacity(batch.getSize())")
                .addStatement("return batch.getSize()")
                .build();
    }

    private MethodSpec checkGradients() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("checkGradients")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(RuntimeNames.GRADIENTS, "out")
                .beginControlFlow("if (out.size() != $L)", 2 * last)
                .addStatement("throw new $T($S + out.size() + $S)", IllegalArgumentException.class,
                        "gradients hold ", " arrays; " + spec.modelName() + " has " + 2 * last
                                + " parameters: use newGradients()")
                .endControlFlow();
        for (LayerSpec layer : layers) {
            int k = layer.index();
            m.beginControlFlow("if (out.get($L).length != $L.length || out.get($L).length != $L.length)",
                    2 * (k - 1), layer.weightName(), 2 * (k - 1) + 1, layer.biasName());
            m.addStatement("throw new $T($S)", IllegalArgumentException.class,
                    "gradients for " + layer.weightName() + "/" + layer.biasName()
                            + " do not match their shapes; use newGradients()");
            m.endControlFlow();
        }
        return m.build();
    }

    private MethodSpec ensureCapacity() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("ensureCapacity")
                .addJavadoc("Grows the work buffers to hold {@code rows} rows; smaller batches reuse them.\n")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "rows")
                .beginControlFlow("if (rows <= capacity)")
                .addStatement("return")
                .endControlFlow()
                .addStatement("capacity = rows");
        for (LayerSpec layer : layers) {
            int k = layer.index();
            m.addStatement("a$L = new double[rows * $L]", k, units(layer));
            if (hasActivations(layer)) {
                m.addStatement("z$L = new double[rows * $L]", k, units(layer));
            }
            m.addStatement("d$L = new double[rows * $L]", k, units(layer));
        }
        if (softmaxOutput) {
            m.addStatement("y = new double[rows * OUTPUTS]");
            m.addStatement("ones = new double[rows]");
            m.addStatement("$T.fill(ones, 1.0)", Arrays.class);
        }
        return m.addStatement("sampleLoss = new double[rows]").build();
    }

    /**
     * {@code forward(Batch batch, int rows)} ({@code fromBatch}) or {@code forward(double[] x, int rows)}: every
     * layer over the rows, which the two cores share ({@code forwardRows}).
     */
    private MethodSpec forward(boolean fromBatch) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("forward").addModifiers(Modifier.PRIVATE);
        if (fromBatch) {
            m.addJavadoc("Forward pass over the input rows of {@code batch}, leaving every layer's values in its buffers.\n")
                    .addParameter(RuntimeNames.BATCH, "batch")
                    .addParameter(TypeName.INT, "rows")
                    .addStatement("input = batch");
        } else {
            m.addJavadoc("Forward pass over {@code rows} dense input rows {@code x}, leaving every layer's values in its buffers.\n")
                    .addParameter(DOUBLES, "x")
                    .addParameter(TypeName.INT, "rows")
                    .addStatement("input = null")
                    .addStatement("inputX = x");
        }
        m.addStatement("$T.inTwoHalves(rows, forwardRows)", RuntimeNames.KERNELS);
        return m.addStatement(fromBatch ? "input = null" : "inputX = null").build();
    }

    /**
     * {@code scores(Batch batch, int rows)}, for softmax networks: the forward pass up to the last affine, whose
     * largest value is the prediction (the book's chapter 5 {@code accuracy}); the softmax would only cost time.
     */
    private MethodSpec scores() {
        return MethodSpec.methodBuilder("scores")
                .addJavadoc("The forward pass over the input rows of {@code batch} up to the scores {@code a$L}, without the softmax.\n",
                        last)
                .addModifiers(Modifier.PRIVATE)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addParameter(TypeName.INT, "rows")
                .addStatement("input = batch")
                .addStatement("$T.inTwoHalves(rows, scoresRows)", RuntimeNames.KERNELS)
                .addStatement("input = null")
                .build();
    }

    /**
     * {@code forwardBackward(Batch batch, int rows)}: the forward pass, the rows' losses and the backward pass down
     * to {@code d1}, each core for its own rows; only the parameters' gradients, which sum over all rows, are left.
     */
    private MethodSpec forwardBackward() {
        return MethodSpec.methodBuilder("forwardBackward")
                .addJavadoc("The forward pass over the input rows of {@code batch}, each row's loss and the backward pass down to\n"
                        + "{@code d1}, every row on one of the two cores with no step between layers; returns the batch loss.\n")
                .addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addParameter(RuntimeNames.BATCH, "batch")
                .addParameter(TypeName.INT, "rows")
                .addStatement("input = batch")
                .addStatement("$T.inTwoHalves(rows, forwardBackwardRows)", RuntimeNames.KERNELS)
                .addStatement("input = null")
                .addStatement("return meanLoss(rows)")
                .build();
    }

    /** {@code inputAffine(from, to)}: the first affine, which reads the network's input in whichever form it came. */
    private MethodSpec inputAffine() {
        LayerSpec first = layer(1);
        return rowMethod("inputAffine", "Layer 1's affine for rows {@code [from, to)}, from the input in whichever form it came.\n")
                .addComment("a1: [rows × $L] = x: [rows × $L] · W1 + b1, from the batch's lists of non-zero inputs or its",
                        first.units(), first.inputs())
                .addComment("dense rows, or from the rows given to predict")
                .beginControlFlow("if (input != null)")
                .addStatement("$T.affineRows(input, from, to, W1, b1, $L, a1)", RuntimeNames.KERNELS, units(first))
                .nextControlFlow("else")
                .addStatement("$T.affineRows(inputX, from, to, INPUTS, W1, b1, $L, a1)", RuntimeNames.KERNELS,
                        units(first))
                .endControlFlow()
                .build();
    }

    /** {@code scoresRows(from, to)}, for softmax networks: the rows' forward pass up to the last affine. */
    private MethodSpec scoresRows() {
        MethodSpec.Builder m = rowMethod("scoresRows", "The forward pass of rows {@code [from, to)} up to the scores {@code a$L}.\n",
                last);
        addLayerForwards(m);
        return m.build();
    }

    /** {@code forwardRows(from, to)}: the rows' whole forward pass. */
    private MethodSpec forwardRows() {
        MethodSpec.Builder m = rowMethod("forwardRows", "The forward pass of rows {@code [from, to)}, on the calling thread.\n");
        if (softmaxOutput) {
            m.addStatement("scoresRows(from, to)").addStatement("softmaxRows(from, to)");
        } else {
            addLayerForwards(m);
        }
        return m.build();
    }

    /** Calls {@code inputAffine(from, to)}, then {@code layer<k>Forward(from, to)} for every layer, in order. */
    private void addLayerForwards(MethodSpec.Builder m) {
        m.addStatement("inputAffine(from, to)");
        for (LayerSpec layer : layers) {
            m.addStatement("layer$LForward(from, to)", layer.index());
        }
    }

    /** A private method {@code name(int from, int to)} over a range of rows, documented by {@code doc}. */
    private static MethodSpec.Builder rowMethod(String name, String doc, Object... args) {
        return MethodSpec.methodBuilder(name)
                .addJavadoc(doc, args)
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "from")
                .addParameter(TypeName.INT, "to");
    }

    /** {@code forwardBackwardRows(from, to)}: everything {@code forwardBackward} does, for the rows of one core. */
    private MethodSpec forwardBackwardRows() {
        MethodSpec.Builder m = rowMethod("forwardBackwardRows", "Rows {@code [from, to)} of {@link #forwardBackward}, on the calling thread.\n")
                .addStatement("forwardRows(from, to)")
                .addStatement("sampleLossRows(input.getT(), from, to)")
                .addStatement("outputBackward(input.getT(), input.getSize(), from, to)");
        for (int k = last; k >= 2; k--) {
            m.addStatement("layer$LBackward(from, to)", k);
        }
        return m.build();
    }

    private MethodSpec layerForward(LayerSpec layer) {
        int k = layer.index();
        String activation = k == last && softmaxOutput ? "{@code softmax}, a separate step (accuracy needs only the scores)"
                : layer.activation().toString();
        MethodSpec.Builder m;
        if (k == 1) {
            // The first affine reads the network's input, in one of two forms: inputAffine computes it.
            m = rowMethod("layer1Forward", "Layer 1, {@code $L}: $L of the affine {@code a1} that {@code inputAffine} computed, rows\n"
                    + "{@code [from, to)}.\n", layer.name(), activation);
        } else {
            m = rowMethod("layer" + k + "Forward", "Layer $L, {@code $L}, rows {@code [from, to)}:\nAffine then $L.\n", k,
                    layer.name(), activation);
            m.addComment("a$L: [rows × $L] = $L: [rows × $L] · W$L + b$L", k, layer.units(), inputOf(layer),
                    layer.inputs(), k, k);
            m.addStatement("$T.affineRows($L, from, to, $L, W$L, b$L, $L, a$L)", RuntimeNames.KERNELS, inputOf(layer),
                    inputWidth(layer), k, k, units(layer), k);
        }
        if (hasActivations(layer)) {
            m.addComment("z$L: [rows × $L] = $L(a$L)", k, layer.units(), layer.activation(), k);
            m.beginControlFlow("for (int i = from * $L; i < to * $L; i++)", units(layer), units(layer))
                    .addStatement("double v = a$L[i]", k)
                    .addStatement("z$L[i] = $L", k, Activations.apply(layer.activation(), "v"))
                    .endControlFlow();
        }
        return m.build();
    }

    private MethodSpec softmaxRows() {
        return rowMethod("softmaxRows",
                        "{@code y = softmax(a$L)} for rows {@code [from, to)}, the row maximum subtracted against overflow.\n", last)
                .beginControlFlow("for (int r = from; r < to; r++)")
                .addStatement("int row = r * OUTPUTS")
                .addStatement("double max = a$L[row]", last)
                .beginControlFlow("for (int j = 1; j < OUTPUTS; j++)")
                .addStatement("max = $T.max(max, a$L[row + j])", Math.class, last)
                .endControlFlow()
                .addStatement("double sum = 0.0")
                .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                .addStatement("double e = $T.exp(a$L[row + j] - max)", Math.class, last)
                .addStatement("y[row + j] = e")
                .addStatement("sum += e")
                .endControlFlow()
                .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                .addStatement("y[row + j] /= sum")
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    private MethodSpec sampleLosses() {
        return MethodSpec.methodBuilder("sampleLosses")
                .addJavadoc("Fills {@code sampleLoss} from the forward pass and returns their mean: the batch loss.\n")
                .addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addParameter(DOUBLES, "t")
                .addParameter(TypeName.INT, "rows")
                .addStatement("sampleLossRows(t, 0, rows)")
                .addStatement("return meanLoss(rows)")
                .build();
    }

    private MethodSpec sampleLossRows() {
        return MethodSpec.methodBuilder("sampleLossRows")
                .addJavadoc("{@code sampleLoss} of rows {@code [from, to)}, from the forward pass.\n")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(DOUBLES, "t")
                .addParameter(TypeName.INT, "from")
                .addParameter(TypeName.INT, "to")
                .beginControlFlow("for (int r = from; r < to; r++)")
                .addCode(sampleLoss())
                .endControlFlow()
                .build();
    }

    private MethodSpec meanLoss() {
        return MethodSpec.methodBuilder("meanLoss")
                .addJavadoc("The batch loss: the mean of {@code sampleLoss}, summed in row order.\n")
                .addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addParameter(TypeName.INT, "rows")
                .addStatement("double sum = 0.0")
                .beginControlFlow("for (int r = 0; r < rows; r++)")
                .addStatement("sum += sampleLoss[r]")
                .endControlFlow()
                .addStatement("return sum / rows")
                .build();
    }

    /** One row's loss: from the forward pass's probabilities when there are any, else from the outputs. */
    private CodeBlock sampleLoss() {
        if (!softmaxOutput) {
            return CodeBlock.builder()
                    .addStatement("sampleLoss[r] = outputLoss(a$L, r * OUTPUTS, t, r * OUTPUTS)", last)
                    .build();
        }
        return CodeBlock.builder()
                .add("// the same values outputLoss computes, read from y instead of re-exponentiated\n")
                .addStatement("int row = r * OUTPUTS")
                .addStatement("double loss = 0.0")
                .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                .addStatement("double tj = t[row + j]")
                .beginControlFlow("if (tj != 0.0)")
                .addStatement("loss -= tj * $T.log(y[row + j] + 1e-7)", Math.class)
                .endControlFlow()
                .endControlFlow()
                .addStatement("sampleLoss[r] = loss")
                .build();
    }

    private MethodSpec outputLoss() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("outputLoss")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.DOUBLE)
                .addParameter(DOUBLES, "a")
                .addParameter(TypeName.INT, "offset")
                .addParameter(DOUBLES, "t")
                .addParameter(TypeName.INT, "tOffset");
        if (softmaxOutput) {
            m.addJavadoc("One row's cross-entropy {@code −Σ t·log(y + 1e-7)} of {@code y = softmax(a[offset ..])}:\n"
                            + "exactly the values the forward pass computes, so perturbed and cached losses agree.\n")
                    .addStatement("double max = a[offset]")
                    .beginControlFlow("for (int j = 1; j < OUTPUTS; j++)")
                    .addStatement("max = $T.max(max, a[offset + j])", Math.class)
                    .endControlFlow()
                    .addStatement("double sum = 0.0")
                    .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .addStatement("sum += $T.exp(a[offset + j] - max)", Math.class)
                    .endControlFlow()
                    .addStatement("double loss = 0.0")
                    .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .addComment("a zero target contributes exactly nothing: skip its logarithm")
                    .addStatement("double tj = t[tOffset + j]")
                    .beginControlFlow("if (tj != 0.0)")
                    .addStatement("loss -= tj * $T.log($T.exp(a[offset + j] - max) / sum + 1e-7)", Math.class, Math.class)
                    .endControlFlow()
                    .endControlFlow()
                    .addStatement("return loss");
        } else {
            m.addJavadoc("One row's squared error {@code 0.5·Σ(z − t)²} of {@code z = $L(a[offset ..])}.\n",
                            layer(last).activation())
                    .addStatement("double loss = 0.0")
                    .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
                    .addStatement("double v = a[offset + j]")
                    .addStatement("double e = ($L) - t[tOffset + j]", Activations.apply(layer(last).activation(), "v"))
                    .addStatement("loss += e * e")
                    .endControlFlow()
                    .addStatement("return 0.5 * loss");
        }
        return m.build();
    }

    private MethodSpec outputBackward() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("outputBackward")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(DOUBLES, "t")
                .addParameter(TypeName.INT, "rows")
                .addParameter(TypeName.INT, "from")
                .addParameter(TypeName.INT, "to");
        if (softmaxOutput) {
            m.addJavadoc("SoftmaxWithLoss backward: {@code d$L = (y − t) / rows}, rows {@code [from, to)}.\n", last)
                    .beginControlFlow("for (int i = from * OUTPUTS; i < to * OUTPUTS; i++)")
                    .addStatement("d$L[i] = (y[i] - t[i]) / rows", last)
                    .endControlFlow();
        } else {
            ActivationFunction f = layer(last).activation();
            String z = outputArray();
            m.addJavadoc("Mean squared error backward: {@code d$L = (z − t) / rows ⊙ $L'}, rows {@code [from, to)}.\n",
                            last, f)
                    .beginControlFlow("for (int i = from * OUTPUTS; i < to * OUTPUTS; i++)");
            if (Activations.isIdentity(f)) {
                m.addStatement("d$L[i] = ($L[i] - t[i]) / rows", last, z);
            } else {
                m.addStatement("double z = $L[i]", z)
                        .addStatement("d$L[i] = (z - t[i]) / rows * $L", last, Activations.derivative(f, "z"));
            }
            m.endControlFlow();
        }
        return m.build();
    }

    /** {@code layer<k>Backward(from, to)}, {@code k ≥ 2}: the gradient with respect to the layer's input, by rows. */
    private MethodSpec layerBackward(LayerSpec layer) {
        int k = layer.index();
        LayerSpec previous = layer(k - 1);
        int p = k - 1;
        MethodSpec.Builder m = rowMethod("layer" + k + "Backward",
                        "Affine backward of layer $L, {@code $L}, to its input, then the activation backward of layer $L,\n"
                                + "rows {@code [from, to)}.\n", k, layer.name(), p)
                .addComment("d$L: [rows × $L] = d$L · W$Lᵀ ⊙ $L'(a$L)", p, previous.units(), k, k, previous.activation(), p)
                .addStatement("$T.timesTransposeRows(d$L, from, to, $L, W$L, $L, d$L)", RuntimeNames.KERNELS, k,
                        units(layer), k, units(previous), p);
        if (!Activations.isIdentity(previous.activation())) {
            m.beginControlFlow("for (int i = from * $L; i < to * $L; i++)", units(previous), units(previous))
                    .addStatement("double z = z$L[i]", p)
                    .addStatement("d$L[i] *= $L", p, Activations.derivative(previous.activation(), "z"))
                    .endControlFlow();
        }
        return m.build();
    }

    /** {@code layer<k>Parameters(…)}: the gradients of the layer's weights and biases, sums over all rows. */
    private MethodSpec layerParameters(LayerSpec layer) {
        int k = layer.index();
        MethodSpec.Builder m = MethodSpec.methodBuilder("layer" + k + "Parameters")
                .addJavadoc("Affine backward of layer $L, {@code $L}, to its weights and biases.\n", k, layer.name())
                .addModifiers(Modifier.PRIVATE);
        if (k == 1) {
            m.addParameter(RuntimeNames.BATCH, "batch");
        }
        m.addParameter(TypeName.INT, "rows").addParameter(DOUBLES, "dW").addParameter(DOUBLES, "db");
        m.addComment("dW$L: [$L × $L] = $Lᵀ · d$L", k, layer.inputs(), layer.units(), inputOf(layer), k);
        if (k == 1) {
            m.addStatement("$T.transposeTimes(batch, d1, $L, dW)", RuntimeNames.KERNELS, units(layer));
        } else {
            m.addStatement("$T.transposeTimes($L, rows, $L, d$L, $L, dW)", RuntimeNames.KERNELS, inputOf(layer),
                    inputWidth(layer), k, units(layer));
        }
        m.addComment("db$L: [$L] = Σ_rows d$L", k, layer.units(), k);
        m.addStatement("$T.sumRows(d$L, rows, $L, db)", RuntimeNames.KERNELS, k, units(layer));
        return m.build();
    }

    /** Whether the runtime's incremental kernels compute this layer's numerical gradient (see the class Javadoc). */
    private boolean usesSoftmaxKernel(LayerSpec layer) {
        return softmaxOutput && layer.index() >= last - 1;
    }

    /** The kernel call for the numerical gradient of layer {@code k}'s weights ({@code bias = false}) or biases. */
    private CodeBlock softmaxKernelCall(LayerSpec layer, boolean bias) {
        int k = layer.index();
        String in = bias ? "ones" : inputOf(layer);
        String width = bias ? "1" : inputWidth(layer);
        String w = bias ? layer.biasName() : layer.weightName();
        if (k == last) {
            return CodeBlock.of("$T.softmaxOutputDifferences($L, rows, $L, $L, H, a$L, y, t, OUTPUTS, unit$LExact, g);\n",
                    RuntimeNames.KERNELS, in, width, w, k, k);
        }
        return CodeBlock.of("$T.softmaxHiddenDifferences($L, rows, $L, $L, H, a$L, z$L, $T.$L, $L, W$L, y, t, OUTPUTS, "
                        + "unit$LExact, g);\n",
                RuntimeNames.KERNELS, in, width, w, k, k, RuntimeNames.ACTIVATION_FUNCTION, layer.activation().name(),
                units(layer), last, k);
    }

    private MethodSpec numericalWeights(LayerSpec layer) {
        int k = layer.index();
        if (usesSoftmaxKernel(layer)) {
            MethodSpec.Builder m = MethodSpec.methodBuilder("numericalW" + k)
                    .addJavadoc("Central differences for W$L, evaluated incrementally from the cached forward pass by the runtime.\n", k)
                    .addModifiers(Modifier.PRIVATE);
            if (k == 1) {
                m.addParameter(DOUBLES, "x");
            }
            return m.addParameter(TypeName.INT, "rows")
                    .addParameter(DOUBLES, "g")
                    .addCode(softmaxKernelCall(layer, false))
                    .build();
        }
        String in = inputOf(layer);
        String width = inputWidth(layer);
        String units = units(layer);
        MethodSpec.Builder m = MethodSpec.methodBuilder("numericalW" + k)
                .addJavadoc("Central differences for W$L. Perturbing {@code W$L[i][j]} changes only unit {@code j} of layer\n"
                        + "$L, by {@code Δw · $L[r][i]} in row {@code r}: rows whose input {@code i} is 0 keep their loss and\n"
                        + "are skipped, the others are recomputed from that unit on.\n", k, k, k, in)
                .addModifiers(Modifier.PRIVATE);
        if (k == 1) {
            m.addParameter(DOUBLES, "x");
        }
        m.addParameter(TypeName.INT, "rows").addParameter(DOUBLES, "g");
        m.addStatement("$T.fill(g, 0.0)", Arrays.class)
                .beginControlFlow("for (int i = 0; i < $L; i++)", width)
                .addStatement("int row = i * $L", units)
                .beginControlFlow("for (int r = 0; r < rows; r++)")
                .addStatement("double input = $L[r * $L + i]", in, width)
                .beginControlFlow("if (input == 0.0)")
                .addStatement("continue")
                .endControlFlow()
                .beginControlFlow("for (int j = 0; j < $L; j++)", units)
                .addStatement("double w = W$L[row + j]", k)
                .addStatement("double a = a$L[r * $L + j]", k, units)
                .addComment("(w ± H) − w is the change the generic difference really makes to the parameter")
                .addStatement("g[row + j] += unit$LLoss(r, j, a + ((w + H) - w) * input) - unit$LLoss(r, j, a + ((w - H) - w) * input)",
                        k, k)
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .beginControlFlow("for (int p = 0; p < g.length; p++)")
                .addStatement("g[p] = g[p] / rows / (2 * H)")
                .endControlFlow();
        return m.build();
    }

    private MethodSpec numericalBias(LayerSpec layer) {
        int k = layer.index();
        String units = units(layer);
        if (usesSoftmaxKernel(layer)) {
            return MethodSpec.methodBuilder("numericalB" + k)
                    .addJavadoc("Central differences for b$L: a weight whose input is always 1.\n", k)
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(TypeName.INT, "rows")
                    .addParameter(DOUBLES, "g")
                    .addCode(softmaxKernelCall(layer, true))
                    .build();
        }
        return MethodSpec.methodBuilder("numericalB" + k)
                .addJavadoc("Central differences for b$L: perturbing {@code b$L[j]} changes unit {@code j} of layer $L in every row.\n",
                        k, k, k)
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "rows")
                .addParameter(DOUBLES, "g")
                .beginControlFlow("for (int j = 0; j < $L; j++)", units)
                .addStatement("double b = b$L[j]", k)
                .addStatement("double up = (b + H) - b")
                .addStatement("double down = (b - H) - b")
                .addStatement("double sum = 0.0")
                .beginControlFlow("for (int r = 0; r < rows; r++)")
                .addStatement("double a = a$L[r * $L + j]", k, units)
                .addStatement("sum += unit$LLoss(r, j, a + up) - unit$LLoss(r, j, a + down)", k, k)
                .endControlFlow()
                .addStatement("g[j] = sum / rows / (2 * H)")
                .endControlFlow()
                .build();
    }

    private MethodSpec unitLoss(LayerSpec layer) {
        int k = layer.index();
        MethodSpec.Builder m = MethodSpec.methodBuilder("unit" + k + "Loss")
                .addJavadoc("Loss of row {@code r} when unit {@code j} of layer $L has pre-activation {@code a} instead of its cached value.\n", k)
                .addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addParameter(TypeName.INT, "r")
                .addParameter(TypeName.INT, "j")
                .addParameter(TypeName.DOUBLE, "a");
        if (k == last) {
            m.addStatement("$T.arraycopy(a$L, r * OUTPUTS, s$L, 0, OUTPUTS)", System.class, k, k)
                    .addStatement("s$L[j] = a", k)
                    .addStatement("return outputLoss(s$L, 0, t, r * OUTPUTS)", k);
            return m.build();
        }
        LayerSpec next = layer(k + 1);
        int n = k + 1;
        m.addStatement("double dz = ($L) - z$L[r * $L + j]", Activations.apply(layer.activation(), "a"), k, units(layer))
                .beginControlFlow("if (dz == 0.0)")
                .addComment("the unit's output did not change (e.g. ReLU stays off): nor did the loss")
                .addStatement("return sampleLoss[r]")
                .endControlFlow()
                .addComment("s$L: [$L] = a$L[r] + dz · W$L[j], the next layer seeing the changed unit", n, next.units(), n, n)
                .addStatement("int row = r * $L", units(next))
                .addStatement("int w = j * $L", units(next))
                .beginControlFlow("for (int m = 0; m < $L; m++)", units(next))
                .addStatement("s$L[m] = a$L[row + m] + dz * W$L[w + m]", n, n, n)
                .endControlFlow();
        if (n == last) {
            m.addStatement("return outputLoss(s$L, 0, t, r * OUTPUTS)", n);
        } else {
            m.addStatement("return lossFrom$L(r)", n);
        }
        return m.build();
    }

    private MethodSpec lossFrom(LayerSpec layer) {
        int k = layer.index();
        int n = k + 1;
        MethodSpec.Builder m = MethodSpec.methodBuilder("lossFrom" + k)
                .addJavadoc("Loss of row {@code r} given layer $L's perturbed pre-activations {@code s$L}: the rest of the forward pass for one row.\n",
                        k, k)
                .addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addParameter(TypeName.INT, "r")
                .beginControlFlow("for (int m = 0; m < $L; m++)", units(layer))
                .addStatement("double v = s$L[m]", k)
                .addStatement("u$L[m] = $L", k, Activations.apply(layer.activation(), "v"))
                .endControlFlow()
                .addStatement("$T.affine(u$L, 1, $L, W$L, b$L, $L, s$L)", RuntimeNames.KERNELS, k, units(layer), n, n,
                        units(layer(n)), n);
        if (n == last) {
            m.addStatement("return outputLoss(s$L, 0, t, r * OUTPUTS)", n);
        } else {
            m.addStatement("return lossFrom$L(r)", n);
        }
        return m.build();
    }
}
