package dev.scratchnet.samples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scratchnet.runtime.Matrix;
import dev.scratchnet.runtime.data.Csv;
import dev.scratchnet.runtime.data.CsvOptions;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code predict}: a model saved by {@code train} on new rows of raw features, read by the column names it was
 * trained with (and standardised as it was): each row's class and probabilities, or its predicted targets.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict with a model saved by train --save on a CSV file of raw rows, by its feature columns.")
public final class PredictCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--load", required = true, paramLabel = "FILE", description = "A model saved by train --save.")
    Path load;

    @Option(names = "--csv", required = true, paramLabel = "FILE",
            description = "Rows with the model's feature columns (other columns are ignored).")
    Path csv;

    @Option(names = "--json", description = "Print one JSON object, {\"predictions\": [...]}, instead of CSV lines.")
    boolean json;

    @Override
    public void run() {
        FileFlags.requireInput("--load", load);
        FileFlags.requireInput("--csv", csv);
        CsvModel model = CsvModel.load(load);
        CsvModel.Shape shape = model.shape();
        Matrix rows = Csv.readInputs(csv, CsvOptions.builder().features(shape.features()).build()).rows();
        print(shape, rows.getRows(), model.predict(rows.getData(), rows.getRows()));
    }

    private void print(CsvModel.Shape shape, int n, double[] out) {
        int k = shape.outputs();
        JsonArray predictions = new JsonArray();
        if (!json) {
            System.out.println(shape.classification() ? "row,class" + columns("p", k) : "row," + String.join(",", shape.targets()));
        }
        for (int r = 0; r < n; r++) {
            StringBuilder line = new StringBuilder().append(r);
            JsonObject prediction = new JsonObject();
            if (shape.classification()) {
                int best = 0;
                for (int j = 1; j < k; j++) {
                    best = out[r * k + j] > out[r * k + best] ? j : best;
                }
                line.append(',').append(best);
                prediction.addProperty("class", best);
                JsonArray p = new JsonArray();
                for (int j = 0; j < k; j++) {
                    line.append(',').append(String.format(Locale.ROOT, "%.6g", out[r * k + j]));
                    p.add(out[r * k + j]);
                }
                prediction.add("probabilities", p);
            } else {
                for (int j = 0; j < k; j++) {
                    line.append(',').append(out[r * k + j]);
                    prediction.addProperty(shape.targets().get(j), out[r * k + j]);
                }
            }
            predictions.add(prediction);
            if (!json) {
                System.out.println(line);
            }
        }
        if (json) {
            JsonObject o = new JsonObject();
            o.add("predictions", predictions);
            System.out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o));
        }
    }

    private static String columns(String prefix, int k) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < k; j++) {
            s.append(',').append(prefix).append(j);
        }
        return s.toString();
    }
}
