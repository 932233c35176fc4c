package dev.scratchnet.runtime.train;

import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Weight initialisation (chapter 6): weights become {@code scale · N(0, 1)} drawn row-major with
 * {@link RandomGenerator#nextGaussian()}, biases zero. The scale is the book's {@code weight_init_std = 0.01}
 * ({@link InitMethod#BOOK}), {@code √(1/n)} (Xavier) or {@code √(2/n)} (He), with {@code n} the layer's inputs
 * (the weight's rows), computed as in {@code common/multi_layer_net.py}.
 *
 * <p>Parameters are filled in model order {@code W1, b1, W2, …} and biases draw nothing, so the same seed gives
 * bit-identical weights.
 */
public final class Initializers {
    private Initializers() {
    }

    /**
     * Initialises every parameter of {@code model} from {@code new Well19937c(seed)} with a {@code long} seed (note
     * that {@code new Well19937c(7)}, with an {@code int}, seeds a different stream than {@code 7L}).
     */
    public static void initialize(Model model, InitMethod method, long seed) {
        initialize(model, method, new Well19937c(seed));
    }

    /** Initialises every parameter of {@code model}, in order, from {@code random}. */
    public static void initialize(Model model, InitMethod method, RandomGenerator random) {
        for (Parameter p : model.getParameters()) {
            initialize(p, method, random);
        }
    }

    /**
     * Initialises one parameter: a weight ({@code W…}) from {@code random}, a bias ({@code b…}) to zero.
     *
     * @throws IllegalArgumentException for a parameter that is neither, since its initial value is unknown
     */
    public static void initialize(Parameter parameter, InitMethod method, RandomGenerator random) {
        String name = parameter.getName();
        double[] values = parameter.getValues();
        if (WeightDecay.isWeight(parameter)) {
            double scale = scale(method, parameter.getRows());
            for (int i = 0; i < values.length; i++) {
                values[i] = scale * random.nextGaussian();
            }
        } else if (name.startsWith("b")) {
            Arrays.fill(values, 0);
        } else {
            throw new IllegalArgumentException("cannot initialise parameter '" + name
                    + "': weights must be named W…, biases b…; initialise it yourself through Parameter.getValues()");
        }
    }

    /** The standard deviation of {@code method}'s weights for a layer with {@code fanIn} inputs. */
    public static double scale(InitMethod method, int fanIn) {
        if (fanIn <= 0) {
            throw new IllegalArgumentException("fan-in must be positive, got " + fanIn);
        }
        return switch (method) {
            case BOOK -> 0.01;
            case XAVIER -> Math.sqrt(1.0 / fanIn);
            case HE -> Math.sqrt(2.0 / fanIn);
        };
    }
}
