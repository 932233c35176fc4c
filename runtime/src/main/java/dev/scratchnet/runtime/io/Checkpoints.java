package dev.scratchnet.runtime.io;

import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingState;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training checkpoints: a safetensors file holding the model's parameters ({@code W1, b1, …}, readable by
 * numpy and the safetensors library like any weights file) plus what resuming needs: the optimiser's state
 * as tensors {@code trainer.optimizer.<key>}, the mini-batch generator's state as {@code trainer.random}
 * (625 integers, exact in F64), and the iteration in the metadata. Written atomically, as every
 * {@link Safetensors} file is, so a crash leaves the previous checkpoint in place.
 */
public final class Checkpoints {
    /** Prefix of the tensors and metadata keys that are trainer state rather than parameters. */
    public static final String TRAINER_PREFIX = "trainer.";
    private static final String RANDOM = TRAINER_PREFIX + "random";
    private static final String OPTIMIZER = TRAINER_PREFIX + "optimizer.";
    private static final String ITERATION = TRAINER_PREFIX + "iteration";

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
        Safetensors.save(file, tensors, meta);
    }

    /**
     * Restores a checkpoint saved by {@link #save} into {@code trainer} and its model, so that training continues
     * exactly where it stopped; returns the file's metadata.
     *
     * @throws IllegalArgumentException if the file is a plain weights file, or its parameters or optimiser state do
     *         not fit; nothing is restored then
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
        int[] randomState = new int[random.getSize()];
        for (int i = 0; i < randomState.length; i++) {
            randomState[i] = (int) random.getData()[i];
        }
        Map<String, double[]> optimizerState = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : contents.getTensors().entrySet()) {
            if (e.getKey().startsWith(OPTIMIZER)) {
                optimizerState.put(e.getKey().substring(OPTIMIZER.length()), e.getValue().getData());
            }
        }
        int at;
        try {
            at = Integer.parseInt(iteration);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": metadata " + ITERATION + " is not an integer: '" + iteration + "'");
        }
        List<Parameter> params = trainer.getModel().getParameters();
        Map<String, double[]> values = Safetensors.parameterValues(file, contents, params, Checkpoints::isTrainerState);
        trainer.setState(new TrainingState(at, randomState, optimizerState));
        Safetensors.copyInto(params, values);
        return metadata;
    }

    /**
     * Loads the parameters from a weights file or a checkpoint into {@code params}, ignoring trainer state; returns
     * the file's metadata.
     *
     * @throws IllegalArgumentException naming each tensor that is missing, extra or of the wrong shape; nothing is
     *         loaded then
     */
    public static Map<String, String> loadWeights(Path file, List<Parameter> params) {
        TensorFile contents = Safetensors.load(file);
        Safetensors.copyInto(params, Safetensors.parameterValues(file, contents, params, Checkpoints::isTrainerState));
        return contents.getMetadata();
    }
}
