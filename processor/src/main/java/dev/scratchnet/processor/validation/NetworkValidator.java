package dev.scratchnet.processor.validation;

import dev.scratchnet.annotations.Activation;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.Dense;
import dev.scratchnet.annotations.Init;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.Layer;
import dev.scratchnet.annotations.Loss;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.annotations.Network;
import dev.scratchnet.annotations.internal.FrontDoor;
import dev.scratchnet.annotations.internal.LayerDescription;
import dev.scratchnet.annotations.internal.NetworkDescription;
import dev.scratchnet.annotations.internal.NetworkRule;
import dev.scratchnet.annotations.internal.NetworkRules;
import dev.scratchnet.annotations.internal.Violation;
import dev.scratchnet.processor.model.LayerSpec;
import dev.scratchnet.processor.model.NetworkSpec;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Turns a {@code @Network} element into a {@link NetworkSpec}, reporting every error on its element.
 *
 * <p>Every rule is checked before giving up, so one compilation shows every mistake in a declaration. The
 * rules a DSL network obeys too are checked by {@link NetworkRules} on a {@link NetworkDescription} of what
 * was read; the rules on how the class is written ({@link Rule}) are checked here. Errors on the network as
 * a whole go on the class (at its {@code @Network}); errors on one layer go on its field, at the annotation
 * that is wrong. Mistakes javac reports itself (an annotation, attribute or constant that does not resolve)
 * get no second error from here, nor one about what javac's mistake hides (no {@code [NetNoLayers]} because
 * {@code @Layer} is not imported), but still stop generation; javac does not even run processors on a value
 * of the wrong type or an unknown enum constant.
 *
 * <p>Names: the model is {@code @Network(name)}, or {@code <ClassName>Model} when no name is given. The
 * trainer is the model's name with a trailing {@code Model} replaced by {@code Trainer}
 * ({@code MnistModel → MnistTrainer}), or the model's name followed by {@code Trainer} when it does not end
 * in {@code Model} ({@code Mnist → MnistTrainer}), so the pair always reads as belonging together.
 */
public final class NetworkValidator {
    private static final String DENSE = Dense.class.getCanonicalName();
    /** Identifiers that JLS §3.9 forbids as type names although they are not keywords. */
    private static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits");

    private final ProcessingEnvironment env;
    private final SourceTrees sources;
    /** Qualified name of each class to be generated → the network it is generated for, in this round. */
    private final Map<String, String> generatedNames = new HashMap<>();

    public NetworkValidator(ProcessingEnvironment env) {
        this.env = env;
        this.sources = new SourceTrees(env);
    }

    /** Reports @Layer/@Activation/@Init/@Loss used where they have no effect (outside a @Network class, without @Layer). */
    public void checkStrayAnnotations(RoundEnvironment round) {
        Findings findings = new Findings(env.getMessager());
        for (Element field : annotatedWith(round, Layer.class)) {
            Element owner = field.getEnclosingElement();
            if (field.getKind().isField() && Mirrors.find(owner, Network.class).isEmpty()) {
                findings.error(field, Mirrors.find(field, Layer.class).orElseThrow(),
                        Rule.LAYER_OUTSIDE_NETWORK.message(owner.getSimpleName()));
            }
        }
        for (Element field : annotatedWith(round, Activation.class)) {
            if (field.getKind().isField() && Mirrors.find(field, Layer.class).isEmpty()) {
                findings.error(field, Mirrors.find(field, Activation.class).orElseThrow(),
                        Rule.ACTIVATION_WITHOUT_LAYER.message(field.getSimpleName()));
            }
        }
        for (Element element : annotatedWith(round, Init.class)) {
            AnnotationMirror init = Mirrors.find(element, Init.class).orElseThrow();
            if (element.getKind().isField() && Mirrors.find(element, Layer.class).isEmpty()) {
                findings.error(element, init, Rule.INIT_WITHOUT_LAYER.message(element.getSimpleName()));
            } else if (element instanceof TypeElement && Mirrors.find(element, Network.class).isEmpty()) {
                findings.error(element, init, Rule.INIT_WITHOUT_NETWORK.message(element.getSimpleName()));
            }
        }
        for (Element element : annotatedWith(round, Loss.class)) {
            if (element instanceof TypeElement && Mirrors.find(element, Network.class).isEmpty()) {
                findings.error(element, Mirrors.find(element, Loss.class).orElseThrow(),
                        Rule.LOSS_WITHOUT_NETWORK.message(element.getSimpleName()));
            }
        }
    }

    /** The network's spec, or empty after reporting every error found on the offending elements. */
    public Optional<NetworkSpec> validate(Element network) {
        AnnotationMirror networkMirror = Mirrors.find(network, Network.class)
                .orElseThrow(() -> new IllegalArgumentException(network + " is not annotated with @Network"));
        Findings findings = new Findings(env.getMessager());
        if (network.getKind() != ElementKind.CLASS) {
            String kind = network.getKind() == ElementKind.ANNOTATION_TYPE
                    ? "annotation type"
                    : network.getKind().name().toLowerCase(Locale.ROOT);
            findings.error(network, networkMirror,
                    Rule.NOT_CLASS.message(kind, network.getSimpleName(), network.getSimpleName()));
            return Optional.empty();
        }
        TypeElement type = (TypeElement) network;
        if (sources.hasUnresolvedAnnotation(type)) {
            findings.reportedElsewhere();
        }
        String packageName = env.getElementUtils().getPackageOf(type).getQualifiedName().toString();
        String modelName = modelName(type, networkMirror, findings);
        String trainerName = trainerName(modelName);
        checkDeclaration(type, networkMirror, modelName, findings);
        // Renaming the model renames the trainer, so a clashing model name is reported once, not twice.
        if (isTypeName(modelName) && !clashes(type, networkMirror, packageName, modelName, findings)) {
            clashes(type, networkMirror, packageName, trainerName, findings);
        }
        OptionalInt inputs = inputs(networkMirror, findings);
        Optional<LossFunction> loss = Mirrors.find(type, Loss.class)
                .flatMap(mirror -> constant(type, mirror, LossFunction.class, findings));
        List<DeclaredLayer> declared = declaredLayers(type, findings);
        NetworkDescription description = new NetworkDescription(inputs.isPresent() ? inputs.getAsInt() : null,
                declared.stream().map(DeclaredLayer::described).toList(), loss.orElse(null));
        for (Violation violation : NetworkRules.check(description)) {
            if (!hiddenByReportedMistake(violation.rule(), type)) {
                report(violation, type, networkMirror, declared, findings);
            }
        }
        if (!findings.isClean()) {
            return Optional.empty();
        }
        return Optional.of(new NetworkSpec(packageName, type.getQualifiedName().toString(), modelName, trainerName,
                inputs.orElseThrow(), layerSpecs(inputs.orElseThrow(), declared, loss.orElseThrow()), loss.orElseThrow()));
    }

    static String trainerName(String modelName) {
        return modelName.endsWith("Model")
                ? modelName.substring(0, modelName.length() - "Model".length()) + "Trainer"
                : modelName + "Trainer";
    }

    /** A @Layer field as written; an empty value is one javac rejected. */
    private record DeclaredLayer(
            VariableElement field,
            AnnotationMirror layer,
            Optional<AnnotationMirror> activationMirror,
            OptionalInt units,
            Optional<ActivationFunction> activation,
            Optional<InitMethod> init) {

        /** Where an error about the activation goes: the @Activation if written, else the @Layer. */
        AnnotationMirror activationSite() {
            return activationMirror.orElse(layer);
        }

        /** The layer as the shared rules see it, null where javac rejected a value. */
        LayerDescription described() {
            return new LayerDescription(units.isPresent() ? units.getAsInt() : null, activation.orElse(null));
        }
    }

    private String modelName(TypeElement type, AnnotationMirror networkMirror, Findings findings) {
        String defaultName = type.getSimpleName() + "Model";
        Optional<AnnotationValue> value = Mirrors.explicitValue(networkMirror, "name");
        if (value.isEmpty()) {
            return defaultName;
        }
        Optional<String> name = Mirrors.stringValue(value.get());
        if (name.isEmpty()) {
            findings.reportedElsewhere();
            return defaultName;
        }
        if (name.get().isEmpty()) {
            return defaultName;
        }
        if (!isTypeName(name.get())) {
            findings.error(type, networkMirror, value, Rule.NAME.message(name.get()));
        }
        return name.get();
    }

    private boolean isTypeName(String name) {
        return SourceVersion.isIdentifier(name)
                && !SourceVersion.isKeyword(name, env.getSourceVersion())
                && !RESTRICTED_TYPE_NAMES.contains(name);
    }

    /** The class must be one the generated model, a top-level class in the same package, can name. */
    private void checkDeclaration(TypeElement type, AnnotationMirror networkMirror, String modelName, Findings findings) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                findings.error(type, networkMirror, Rule.PRIVATE_CLASS.message(modelName, e.getSimpleName()));
                break;
            }
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
            findings.error(type, networkMirror, Rule.INNER_CLASS.message(type.getSimpleName()));
        }
        if (!type.getTypeParameters().isEmpty()) {
            String parameters = type.getTypeParameters().stream()
                    .map(p -> p.getSimpleName().toString())
                    .collect(Collectors.joining(", ", "<", ">"));
            findings.error(type, networkMirror, Rule.GENERIC_CLASS.message(parameters, type.getSimpleName()));
        }
    }

    /**
     * Whether the generated class {@code simpleName} would clash, after reporting it. It must not take the name
     * of a type declared in the sources being compiled, nor of another network's generated class.
     *
     * <p>A class file of that name on the class path is not a clash: it is almost always this network's model
     * from an earlier build (an IDE's or an incremental build's output directory), which the new one replaces.
     * Nor can this network's own generated classes be mistaken for a clash in a later round: a network is
     * validated once, in the round its source appears, before its classes are written, and generated classes
     * carry no {@code @Network}. A generated source from an earlier round found here belongs to another
     * network that asked for the same name, which is a real clash.
     */
    private boolean clashes(TypeElement type, AnnotationMirror networkMirror, String packageName, String simpleName,
            Findings findings) {
        String qualified = packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
        Optional<AnnotationValue> nameValue = Mirrors.explicitValue(networkMirror, "name");
        String previous = generatedNames.putIfAbsent(qualified, type.getQualifiedName().toString());
        if (previous != null) {
            findings.error(type, networkMirror, nameValue, Rule.NAME_CLASH_GENERATED.message(simpleName, previous));
            return true;
        }
        TypeElement existing = env.getElementUtils().getTypeElement(qualified);
        if (existing != null && sources.isInSources(existing)) {
            findings.error(type, networkMirror, nameValue, Rule.NAME_CLASH.message(simpleName, qualified));
            return true;
        }
        return false;
    }

    private static OptionalInt inputs(AnnotationMirror networkMirror, Findings findings) {
        OptionalInt inputs = Mirrors.explicitValue(networkMirror, "inputs").map(Mirrors::intValue)
                .orElse(OptionalInt.empty());
        if (inputs.isEmpty()) {
            findings.reportedElsewhere();
        }
        return inputs;
    }

    /**
     * Whether the shared rules see as missing what a mistake already reported hides: a {@code @Loss} whose
     * constant could not be read, or a {@code @Loss} or {@code @Layer} whose import is missing.
     */
    private boolean hiddenByReportedMistake(NetworkRule rule, TypeElement type) {
        return switch (rule) {
            case MISSING_LOSS -> Mirrors.find(type, Loss.class).isPresent() || sources.hasUnresolvedAnnotation(type);
            case NO_LAYERS -> mayHideLayers(type);
            default -> false;
        };
    }

    /**
     * Reports a broken shared rule on the most specific element: on the class, at its {@code @Network} (at
     * {@code inputs} for that rule); on a layer's field, at {@code units} for the rules on its size, else at
     * the annotation that sets its activation.
     */
    private static void report(Violation violation, TypeElement type, AnnotationMirror networkMirror,
            List<DeclaredLayer> layers, Findings findings) {
        String message = violation.message(FrontDoor.ANNOTATIONS);
        if (violation.layer() == Violation.NETWORK) {
            Optional<AnnotationValue> value = violation.rule() == NetworkRule.INPUTS
                    ? Mirrors.explicitValue(networkMirror, "inputs")
                    : Optional.empty();
            findings.error(type, networkMirror, value, message);
            return;
        }
        DeclaredLayer layer = layers.get(violation.layer() - 1);
        switch (violation.rule()) {
            case UNITS, LAYER_TOO_LARGE ->
                    findings.error(layer.field(), layer.layer(), Mirrors.explicitValue(layer.layer(), "units"), message);
            default -> findings.error(layer.field(), layer.activationSite(), message);
        }
    }

    private List<DeclaredLayer> declaredLayers(TypeElement type, Findings findings) {
        Optional<InitMethod> classInit = declaredOrDefault(type, Init.class, InitMethod.class, Optional.of(InitMethod.BOOK),
                findings);
        List<DeclaredLayer> layers = new ArrayList<>();
        for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            Optional<AnnotationMirror> layer = Mirrors.find(field, Layer.class);
            if (sources.hasUnresolvedAnnotation(field)) {
                findings.reportedElsewhere();
            }
            if (layer.isPresent()) {
                layers.add(declaredLayer(field, layer.get(), classInit, findings));
            } else if (Mirrors.find(field, Activation.class).isPresent() || Mirrors.find(field, Init.class).isPresent()) {
                // checkStrayAnnotations reports it; the field was probably meant as a layer, so generating
                // the network without it would only mislead.
                findings.reportedElsewhere();
            }
        }
        return layers;
    }

    /** Whether a field's unresolved annotation might be a @Layer whose import is missing. */
    private boolean mayHideLayers(TypeElement type) {
        return ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
                .anyMatch(field -> Mirrors.find(field, Layer.class).isEmpty() && sources.hasUnresolvedAnnotation(field));
    }

    private DeclaredLayer declaredLayer(VariableElement field, AnnotationMirror layer, Optional<InitMethod> classInit,
            Findings findings) {
        if (field.getModifiers().contains(Modifier.STATIC)) {
            findings.error(field, layer, Rule.STATIC_LAYER.message(field.getSimpleName()));
        }
        checkFieldType(field, layer, findings);
        OptionalInt units = Mirrors.explicitValue(layer, "units").map(Mirrors::intValue).orElse(OptionalInt.empty());
        if (units.isEmpty()) {
            findings.reportedElsewhere();
        }
        Optional<AnnotationMirror> activationMirror = Mirrors.find(field, Activation.class);
        Optional<ActivationFunction> activation = declaredOrDefault(field, Activation.class, ActivationFunction.class,
                Optional.of(ActivationFunction.IDENTITY), findings);
        Optional<InitMethod> init = declaredOrDefault(field, Init.class, InitMethod.class, classInit, findings);
        return new DeclaredLayer(field, layer, activationMirror, units, activation, init);
    }

    /**
     * The constant {@code annotation} names on {@code element}, or {@code otherwise} without one; unknown when an
     * unresolved annotation on the element might be the one meant.
     */
    private <E extends Enum<E>> Optional<E> declaredOrDefault(Element element,
            Class<? extends Annotation> annotation, Class<E> enumType, Optional<E> otherwise, Findings findings) {
        Optional<AnnotationMirror> mirror = Mirrors.find(element, annotation);
        if (mirror.isPresent()) {
            return constant(element, mirror.get(), enumType, findings);
        }
        if (sources.hasUnresolvedAnnotation(element)) {
            findings.reportedElsewhere();
            return Optional.empty();
        }
        return otherwise;
    }

    private void checkFieldType(VariableElement field, AnnotationMirror layer, Findings findings) {
        TypeMirror type = field.asType();
        if (type.getKind() == TypeKind.ERROR) {
            findings.error(field, layer, Rule.UNRESOLVED_LAYER_TYPE.message(type, field.getSimpleName()));
        } else if (!(type.getKind() == TypeKind.DECLARED
                && ((DeclaredType) type).asElement() instanceof TypeElement element
                && element.getQualifiedName().contentEquals(DENSE))) {
            findings.error(field, layer, Rule.LAYER_TYPE.message(type, field.getSimpleName()));
        }
    }

    /**
     * The layers of a valid network. SOFTMAX written on the last layer before SOFTMAX_CROSS_ENTROPY becomes
     * IDENTITY, as if it had not been written: the loss applies softmax itself, and one spelling of that case
     * means code generation cannot apply softmax twice.
     */
    private static List<LayerSpec> layerSpecs(int networkInputs, List<DeclaredLayer> declared, LossFunction loss) {
        List<LayerSpec> layers = new ArrayList<>();
        int inputs = networkInputs;
        for (DeclaredLayer layer : declared) {
            int units = layer.units().orElseThrow();
            ActivationFunction activation = layer.activation().orElseThrow();
            if (loss == LossFunction.SOFTMAX_CROSS_ENTROPY && activation == ActivationFunction.SOFTMAX) {
                activation = ActivationFunction.IDENTITY;
            }
            layers.add(new LayerSpec(layer.field().getSimpleName().toString(), layers.size() + 1, inputs, units,
                    activation, layer.init().orElseThrow()));
            inputs = units;
        }
        return layers;
    }

    /**
     * The enum constant an annotation's {@code value} names. A constant this processor does not know can only
     * come from annotations of another scratchnet version, which javac accepts, so it is reported here.
     */
    private static <E extends Enum<E>> Optional<E> constant(Element element, AnnotationMirror mirror, Class<E> enumType,
            Findings findings) {
        Optional<AnnotationValue> value = Mirrors.explicitValue(mirror, "value");
        Optional<String> name = value.flatMap(Mirrors::enumConstantName);
        if (name.isEmpty()) {
            findings.reportedElsewhere();
            return Optional.empty();
        }
        for (E constant : enumType.getEnumConstants()) {
            if (constant.name().equals(name.get())) {
                return Optional.of(constant);
            }
        }
        findings.error(element, mirror, value, Rule.UNKNOWN_CONSTANT.message(enumType.getSimpleName(), name.get()));
        return Optional.empty();
    }

    private Set<? extends Element> annotatedWith(RoundEnvironment round, Class<? extends Annotation> annotation) {
        TypeElement type = env.getElementUtils().getTypeElement(annotation.getCanonicalName());
        return type == null ? Set.of() : round.getElementsAnnotatedWith(type);
    }
}
