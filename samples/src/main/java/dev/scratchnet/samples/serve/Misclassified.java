package dev.scratchnet.samples.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scratchnet.runtime.Matrix;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.data.Dataset;
import java.util.Base64;

/** The test digits a model classifies wrongly, as the page's strip shows them. */
final class Misclassified {
    private Misclassified() {}

    /**
     * {@code {"tested", "wrong", "accuracy", "digits": [{"index", "label", "predicted", "probability", "pixels"}]}}
     * for the first {@code shown} wrong digits in test-set order; {@code pixels} is the image's 784 grey levels as
     * bytes (0–255), base64-encoded, a quarter of the size of a JSON array of numbers.
     */
    static JsonObject json(Model model, Dataset test, int shown) {
        int n = test.getSize();
        int classes = model.getOutputs();
        int features = test.getFeatures();
        double[] out = new double[n * classes];
        model.predict(test.getX(), n, out);
        int[] predicted = new Matrix(n, classes, out).argmaxRows();
        JsonArray digits = new JsonArray();
        int wrong = 0;
        for (int r = 0; r < n; r++) {
            if (predicted[r] == test.getLabels()[r]) {
                continue;
            }
            wrong++;
            if (digits.size() < shown) {
                JsonObject digit = new JsonObject();
                digit.addProperty("index", r);
                digit.addProperty("label", test.getLabels()[r]);
                digit.addProperty("predicted", predicted[r]);
                digit.addProperty("probability", out[r * classes + predicted[r]]);
                byte[] grey = new byte[features];
                for (int i = 0; i < features; i++) {
                    grey[i] = (byte) Math.round(255 * test.getX()[r * features + i]);
                }
                digit.addProperty("pixels", Base64.getEncoder().encodeToString(grey));
                digits.add(digit);
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("tested", n);
        o.addProperty("wrong", wrong);
        o.addProperty("accuracy", (n - wrong) / (double) n);
        o.add("digits", digits);
        return o;
    }
}
