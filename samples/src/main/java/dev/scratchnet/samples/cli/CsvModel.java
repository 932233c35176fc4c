package dev.scratchnet.samples.cli;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Standardizer;
import dev.scratchnet.runtime.dsl.NetworkBuilder;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.io.Safetensors;
import dev.scratchnet.runtime.io.Tensor;
import dev.scratchnet.runtime.io.TensorFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A network that {@code train} fitted to a CSV file, and its file: the weights (safetensors, F64, {@code W1, b1, …}),
 * the standardizers' means and deviations when the features (and a regression's targets) were standardised, and, in
 * the metadata, what rebuilding the network and reading new rows need (its layers, the task, the feature and target
 * columns). {@code predict} loads it and predicts on raw rows, in the targets' own units.
 */
record CsvModel(Shape shape, SequentialNetwork network, @Nullable Standardizer features,
        @Nullable Standardizer targets) {
    private static final String PREFIX = "scratchnet.";
    private static final Gson GSON = new Gson();

    /**
     * The network's layers and what its columns are.
     *
     * @param hidden     the hidden layers' units, in order (possibly none)
     * @param outputs    classes (classification) or targets (regression)
     * @param features   the feature columns, in the order the rows take them
     * @param targets    the label column, or the target columns
     */
    record Shape(List<Integer> hidden, ActivationFunction activation, boolean classification, int outputs,
            List<String> features, List<String> targets) {
        Shape {
            hidden = List.copyOf(hidden);
            features = List.copyOf(features);
            targets = List.copyOf(targets);
        }

        /** A new network of this shape, weights drawn from {@code seed}: He for ReLU, Xavier otherwise. */
        SequentialNetwork network(long seed) {
            NetworkBuilder builder = Networks.builder(features.size());
            for (int units : hidden) {
                builder.dense(units, activation).init(activation == ActivationFunction.RELU ? InitMethod.HE : InitMethod.XAVIER);
            }
            builder.dense(outputs).init(InitMethod.XAVIER);
            builder.loss(classification ? LossFunction.SOFTMAX_CROSS_ENTROPY : LossFunction.MEAN_SQUARED_ERROR);
            SequentialNetwork network = builder.build();
            network.initialize(seed);
            return network;
        }
    }

    /** Saves the weights, the standardizer and the shape to {@code file}, atomically. */
    void save(Path file, Map<String, String> metadata) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : network.getParameters()) {
            tensors.put(p.getName(), new Tensor(p.getShape(), p.getValues()));
        }
        if (features != null) {
            tensors.putAll(features.toTensors(Standardizer.FEATURES));
        }
        if (targets != null) {
            tensors.putAll(targets.toTensors(Standardizer.TARGETS));
        }
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(PREFIX + "task", shape.classification() ? "classification" : "regression");
        meta.put(PREFIX + "hidden", GSON.toJson(shape.hidden()));
        meta.put(PREFIX + "activation", shape.activation().name());
        meta.put(PREFIX + "outputs", Integer.toString(shape.outputs()));
        meta.put(PREFIX + "features", GSON.toJson(shape.features()));
        meta.put(PREFIX + "targets", GSON.toJson(shape.targets()));
        Safetensors.save(file, tensors, meta);
    }

    /**
     * Loads a model {@link #save}d by {@code train}.
     *
     * @throws IllegalArgumentException naming the file and what is missing or wrong in it
     */
    static CsvModel load(Path file) {
        TensorFile contents = Safetensors.load(file);
        Map<String, String> meta = contents.getMetadata();
        Shape shape;
        try {
            shape = new Shape(
                    Arrays.stream(GSON.fromJson(required(meta, "hidden"), Integer[].class)).toList(),
                    ActivationFunction.valueOf(required(meta, "activation")),
                    switch (required(meta, "task")) {
                        case "classification" -> true;
                        case "regression" -> false;
                        default -> throw new IllegalArgumentException("task is neither classification nor regression");
                    },
                    Integer.parseInt(required(meta, "outputs")),
                    Arrays.asList(GSON.fromJson(required(meta, "features"), String[].class)),
                    Arrays.asList(GSON.fromJson(required(meta, "targets"), String[].class)));
        } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(file + ": not a model saved by train (" + e.getMessage() + ")", e);
        }
        SequentialNetwork network = shape.network(0);
        for (Parameter p : network.getParameters()) {
            Tensor t = contents.getTensors().get(p.getName());
            if (t == null || !Arrays.equals(t.getShape(), p.getShape())) {
                throw new IllegalArgumentException(file + ": no tensor " + p.getName() + " of shape "
                        + Arrays.toString(p.getShape()) + " for the network its metadata describes");
            }
            double[] values = t.getData();
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(file + ": tensor " + p.getName() + " holds " + v
                            + "; the file is damaged");
                }
            }
            System.arraycopy(values, 0, p.getValues(), 0, values.length);
        }
        return new CsvModel(shape, network, standardizer(file, contents, Standardizer.FEATURES, shape.features().size()),
                standardizer(file, contents, Standardizer.TARGETS, shape.classification() ? 0 : shape.outputs()));
    }

    /** The standardizer saved as {@code name}, if any, checked to have {@code columns} columns. */
    private static @Nullable Standardizer standardizer(Path file, TensorFile contents, String name, int columns) {
        Optional<Standardizer> standardizer = Standardizer.from(contents, name);
        if (standardizer.isPresent() && standardizer.get().getColumns() != columns) {
            throw new IllegalArgumentException(file + ": its standardizer " + name + " has "
                    + standardizer.get().getColumns() + " columns, its network " + columns);
        }
        return standardizer.orElse(null);
    }

    /** The network's outputs for {@code rows} raw rows {@code x} (row-major), in the targets' units. */
    double[] predict(double[] x, int rows) {
        double[] in = x.clone();
        if (features != null) {
            features.apply(in, rows);
        }
        double[] out = new double[rows * shape.outputs()];
        network.predict(in, rows, out);
        if (targets != null) {
            targets.invert(out, rows);
        }
        return out;
    }

    private static String required(Map<String, String> meta, String key) {
        String value = meta.get(PREFIX + key);
        if (value == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "no metadata '%s%s'", PREFIX, key));
        }
        return value;
    }
}
