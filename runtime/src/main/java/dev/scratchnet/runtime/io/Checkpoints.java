package dev.scratchnet.runtime.io;

import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingState;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Training checkpoints: a safetensors file holding the model's parameters ({@code W1, b1, …}, readable by
 * numpy and the safetensors library like any weights file) plus what resuming needs: the optimiser's state
 * as tensors {@code trainer.optimizer.<key>}, the mini-batch generator's state as {@code trainer.random}
 * (625 integers, exact in F64), and the iteration and the optimiser's type in the metadata. Written atomically, as
 * every {@link Safetensors} file is, so a crash leaves the previous checkpoint in place.
 *
 * <p>Nothing in a checkpoint is trusted: before anything is restored, {@link #resume} checks the iteration, that the
 * generator's state is 32-bit integers, that the optimiser is the trainer's, that each state array belongs to a
 * parameter of the model, has its size and is finite (and, for AdaGrad's {@code h} and Adam's {@code v}, sums of
 * squares, not negative), and that every weight is finite; every refusal names the file.
 */
public final class Checkpoints {
    /** Prefix of the tensors and metadata keys that are trainer state rather than parameters. */
    public static final String TRAINER_PREFIX = "trainer.";
    private static final String RANDOM = TRAINER_PREFIX + "random";
    private static final String OPTIMIZER = TRAINER_PREFIX + "optimizer.";
    private static final String ITERATION = TRAINER_PREFIX + "iteration";
    /** Metadata: the {@link OptimizerType} that wrote the optimiser's state. */
    private static final String OPTIMIZER_TYPE = TRAINER_PREFIX + "optimizer";
    /** An optimiser's per-parameter state key, {@code <kind>.<parameter index>} (see {@code Optimizer.getState}). */
    private static final Pattern PER_PARAMETER = Pattern.compile("([a-z]+)\\.([0-9]{1,9})");

    private Checkpoints() {}

    private static boolean isTrainerState(String tensorName) {
        return tensorName.startsWith(TRAINER_PREFIX);
    }

    /** Saves the parameters of {@code trainer}'s model and the trainer's state, with {@code metadata}. */
    public static void save(Path file, Trainer trainer, Map<String, String> metadata) {
        TrainingState state = trainer.getState();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : trainer.getModel().getParameters()) {
            tensors.put(p.getName(), new Tensor(p.getShape(), p.getValues()));
        }
        for (Map.Entry<String, double[]> e : state.getOptimizerState().entrySet()) {
            tensors.put(OPTIMIZER + e.getKey(), new Tensor(new int[] {e.getValue().length}, e.getValue()));
        }
        int[] random = state.getRandomState();
        tensors.put(RANDOM, new Tensor(new int[] {random.length}, Arrays.stream(random).asDoubleStream().toArray()));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(ITERATION, Integer.toString(state.getIteration()));
        meta.put(OPTIMIZER_TYPE, trainer.getConfig().getOptimizer().name());
        Safetensors.save(file, tensors, meta);
    }

    /**
     * Restores a checkpoint saved by {@link #save} into {@code trainer} and its model, so that training continues
     * exactly where it stopped; returns the file's metadata.
     *
     * @throws IllegalArgumentException naming the file, if it is a plain weights file, was saved with another
     *         optimiser, or anything it holds does not fit the model or could not have been saved by a trainer (see
     *         above); nothing is restored then
     * @throws SafetensorsFormatException if the file is not a valid safetensors file
     */
    public static Map<String, String> resume(Path file, Trainer trainer) {
        TensorFile contents = Safetensors.load(file);
        Map<String, String> metadata = contents.getMetadata();
        String iteration = metadata.get(ITERATION);
        Tensor random = contents.getTensors().get(RANDOM);
        if (iteration == null || random == null) {
            throw new IllegalArgumentException(file + " is a weights file, not a checkpoint (it has no trainer state); "
                    + "start from its weights with Checkpoints.loadWeights instead");
        }
        OptimizerType optimizer = trainer.getConfig().getOptimizer();
        String saved = metadata.get(OPTIMIZER_TYPE);
        // Checkpoints written before the type was recorded still resume; their state is checked by the optimiser.
        if (saved != null && !saved.equals(optimizer.name())) {
            throw new IllegalArgumentException(file + " was saved by a run with optimizer " + saved + ", but this trainer's "
                    + "optimizer is " + optimizer + "; resume with the optimizer it was saved with");
        }
        List<Parameter> params = trainer.getModel().getParameters();
        TrainingState state = new TrainingState(iteration(file, iteration), randomState(file, random),
                optimizerState(file, contents, params, optimizer));
        Map<String, double[]> values = Safetensors.parameterValues(file, contents, params, Checkpoints::isTrainerState);
        try {
            trainer.setState(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        Safetensors.copyInto(params, values);
        return metadata;
    }

    private static int iteration(Path file, String iteration) {
        int at;
        try {
            at = Integer.parseInt(iteration);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": metadata " + ITERATION + " is not an integer: '" + iteration + "'");
        }
        if (at < 0) {
            throw new IllegalArgumentException(file + ": metadata " + ITERATION + " is " + at + "; it counts the iterations done "
                    + "and cannot be negative");
        }
        return at;
    }

    /** The generator's state, each value a 32-bit integer: a NaN or a fraction would be silently cast otherwise. */
    private static int[] randomState(Path file, Tensor random) {
        double[] values = random.getData();
        int[] state = new int[values.length];
        boolean poolIsZero = true;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(file + ": tensor '" + RANDOM + "' holds " + v + " at index " + i
                        + "; the mini-batch generator's state is 32-bit integers");
            }
            state[i] = (int) v;
            poolIsZero &= i == values.length - 1 || v == 0;
        }
        if (poolIsZero && values.length > 1) {
            throw new IllegalArgumentException(file + ": tensor '" + RANDOM + "' has a pool of zeros, which no seeded generator "
                    + "reaches (it would draw the same rows for ever)");
        }
        return state;
    }

    /**
     * The optimiser's state arrays, checked for what the optimiser itself does not check before its first step: that
     * each belongs to a parameter and has its size, and holds finite values (non-negative where they sum squares).
     * Which keys the optimiser keeps is its own check, in {@link Trainer#setState}.
     */
    private static Map<String, double[]> optimizerState(Path file, TensorFile contents, List<Parameter> params,
            OptimizerType optimizer) {
        Map<String, double[]> state = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : contents.getTensors().entrySet()) {
            if (!e.getKey().startsWith(OPTIMIZER)) {
                continue;
            }
            String name = e.getKey();
            String key = name.substring(OPTIMIZER.length());
            double[] values = e.getValue().getData();
            Matcher perParameter = PER_PARAMETER.matcher(key);
            boolean sumsSquares = false;
            if (perParameter.matches()) {
                int index = Integer.parseInt(perParameter.group(2));
                if (index >= params.size()) {
                    throw new IllegalArgumentException(file + ": tensor '" + name + "' is the state of parameter " + index
                            + ", but the model has " + params.size() + " parameters " + params);
                }
                Parameter p = params.get(index);
                if (values.length != p.getValues().length) {
                    throw new IllegalArgumentException(file + ": tensor '" + name + "' holds " + values.length
                            + " values, but parameter " + index + " (" + p.getName() + ") has " + p.getValues().length);
                }
                sumsSquares = perParameter.group(1).equals(squaresKind(optimizer));
            }
            if (sumsSquares) {
                Safetensors.requireValues(file, name, values, v -> v >= 0 && v < Double.POSITIVE_INFINITY,
                        "optimizer state that sums squared gradients must be finite and >= 0");
            } else {
                Safetensors.requireValues(file, name, values, Double::isFinite, "optimizer state must be finite");
            }
            state.put(key, values);
        }
        return state;
    }

    /** The state kind in which {@code optimizer} accumulates squared gradients; empty when it keeps none. */
    private static String squaresKind(OptimizerType optimizer) {
        switch (optimizer) {
            case ADAGRAD:
                return "h";
            case ADAM:
                return "v";
            default:
                return "";
        }
    }

    /**
     * Loads the parameters from a weights file or a checkpoint into {@code params}, ignoring trainer state; returns
     * the file's metadata.
     *
     * @throws IllegalArgumentException naming each tensor that is missing, extra or of the wrong shape, or the first
     *         value that is not finite; nothing is loaded then
     */
    public static Map<String, String> loadWeights(Path file, List<Parameter> params) {
        TensorFile contents = Safetensors.load(file);
        Safetensors.copyInto(params, Safetensors.parameterValues(file, contents, params, Checkpoints::isTrainerState));
        return contents.getMetadata();
    }
}
