package dev.scratchnet.processor.validation;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeKind;

/**
 * What only the source tree tells, read through javac's tree API: whether a type is declared in the sources
 * being compiled, and whether a declaration carries an annotation that did not resolve (javac leaves such an
 * annotation out of {@code getAnnotationMirrors()} altogether). Under another compiler both answers are "no",
 * which only costs the clash check and the suppression of follow-on errors; javac's own errors still stand.
 */
final class SourceTrees {
    private final Optional<Trees> trees;

    SourceTrees(ProcessingEnvironment env) {
        this.trees = treesOf(env);
    }

    boolean isInSources(Element element) {
        return trees.map(t -> t.getPath(element) != null).orElse(false);
    }

    /**
     * Whether an annotation written on {@code element} did not resolve, e.g. {@code @Activation} without its
     * import, or names an attribute its type lacks, e.g. {@code @Network(outputs = 10)}. javac reports these
     * itself, and leaves them out of {@code getAnnotationMirrors()} and {@code getElementValues()}: an absent
     * mirror or value then proves nothing about what was meant.
     */
    boolean hasUnresolvedAnnotation(Element element) {
        if (trees.isEmpty()) {
            return false;
        }
        TreePath path = trees.get().getPath(element);
        if (path == null) {
            return false;
        }
        for (AnnotationTree annotation : annotationsOf(path.getLeaf())) {
            TypeMirror type = trees.get().getTypeMirror(new TreePath(path, annotation.getAnnotationType()));
            if (type != null && type.getKind() == TypeKind.ERROR) {
                return true;
            }
            TreePath annotationPath = new TreePath(path, annotation);
            for (ExpressionTree argument : annotation.getArguments()) {
                if (argument instanceof AssignmentTree assignment) {
                    TreePath name = new TreePath(new TreePath(annotationPath, assignment), assignment.getVariable());
                    Element attribute = trees.get().getElement(name);
                    if (attribute == null || attribute.getKind() != ElementKind.METHOD) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<? extends AnnotationTree> annotationsOf(Tree declaration) {
        ModifiersTree modifiers = declaration instanceof ClassTree type
                ? type.getModifiers()
                : declaration instanceof VariableTree variable ? variable.getModifiers() : null;
        return modifiers == null ? List.of() : modifiers.getAnnotations();
    }

    private static Optional<Trees> treesOf(ProcessingEnvironment env) {
        try {
            return Optional.of(Trees.instance(env));
        } catch (IllegalArgumentException notJavac) {
            return Optional.empty();
        }
    }
}
