package dev.scratchnet.samples.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scratchnet.runtime.Matrix;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.Summary;
import dev.scratchnet.runtime.data.Dataset;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The model that answers predictions. Models own their work buffers and are not thread-safe, and a training run uses
 * its model without pause, so the server never predicts with the model being trained: this is a separate model of the
 * same network, into which the run copies its weights every few iterations ({@link #copyWeights}). This object's lock
 * guards it: one prediction takes microseconds, so requests queue behind each other and behind a copy for no
 * noticeable time, and each sees one complete set of weights, whose {@link #getVersion() version} it reports.
 */
final class ServedModel {
    /** Where the weights come from. */
    enum State {
        UNTRAINED, LOADED, TRAINING, TRAINED, STOPPED, FAILED
    }

    /** One answer: the ten probabilities and the version of the weights that gave them. */
    record Prediction(double[] probabilities, long version) {
        int predictedClass() {
            return new Matrix(1, probabilities.length, probabilities).argmaxRows()[0];
        }
    }

    private Model model;
    private double[] out;
    private State state;
    private String description;
    private long version;
    private long misclassifiedVersion = -1;
    private @Nullable JsonObject misclassified;

    ServedModel(Model model, State state, String description) {
        this.model = model;
        this.out = new double[model.getOutputs()];
        this.state = state;
        this.description = description;
    }

    synchronized Prediction predict(double[] pixels) {
        model.predict(pixels, 1, out);
        return new Prediction(out.clone(), version);
    }

    /** Serves {@code fresh} from now on: the network of a new run, whose weights the run then copies in. */
    synchronized void replace(Model fresh, State state, String description) {
        model = fresh;
        out = new double[fresh.getOutputs()];
        describe(state, description);
        version++;
    }

    /**
     * Copies the weights of the model being trained (the caller's own, so they hold still while it calls) unless one
     * is NaN or infinite: a diverging run then leaves the last finite weights in service.
     */
    void copyWeights(List<Parameter> from) {
        for (Parameter p : from) {
            for (double v : p.getValues()) {
                if (!Double.isFinite(v)) {
                    return;
                }
            }
        }
        synchronized (this) {
            List<Parameter> to = model.getParameters();
            for (int i = 0; i < to.size(); i++) {
                double[] values = from.get(i).getValues();
                System.arraycopy(values, 0, to.get(i).getValues(), 0, values.length);
            }
            version++;
        }
    }

    synchronized void describe(State state, String description) {
        this.state = state;
        this.description = description;
    }

    synchronized long getVersion() {
        return version;
    }

    /** The network, its state and its summary, for {@code GET /api/model}. */
    synchronized JsonObject toJson() {
        Summary summary = model.summary();
        JsonObject o = new JsonObject();
        o.addProperty("name", summary.getModel());
        o.addProperty("inputs", summary.getInputs());
        JsonArray layers = new JsonArray();
        for (Summary.Layer layer : summary.getLayers()) {
            JsonObject l = new JsonObject();
            l.addProperty("name", layer.getName());
            l.addProperty("units", layer.getUnits());
            l.addProperty("activation", lower(layer.getActivation()));
            l.addProperty("parameters", layer.getParameters());
            layers.add(l);
        }
        o.add("layers", layers);
        o.addProperty("loss", lower(summary.getLoss()));
        o.addProperty("total_parameters", summary.getTotalParameters());
        o.addProperty("summary", summary.toString());
        o.addProperty("state", lower(state));
        o.addProperty("description", description);
        o.addProperty("version", version);
        return o;
    }

    /**
     * The test digits these weights get wrong ({@link Misclassified}), computed once per version of the weights. It
     * predicts the whole test set under the lock, some tens of milliseconds that predictions wait; the page asks only
     * when a run has ended or the page opens.
     */
    synchronized JsonObject misclassified(Dataset test, int shown) {
        if (misclassified == null || misclassifiedVersion != version) {
            misclassified = Misclassified.json(model, test, shown);
            misclassified.addProperty("version", version);
            misclassifiedVersion = version;
        }
        return misclassified;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
