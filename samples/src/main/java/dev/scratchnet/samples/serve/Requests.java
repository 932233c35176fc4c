package dev.scratchnet.samples.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.samples.SampleNetworks;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The JSON bodies the API accepts, read strictly: anything else is a 400 whose message names the field and the rule.
 * Unknown fields are refused too, so that a misspelt {@code learningRate} is not silently replaced by its default.
 */
final class Requests {
    /** Pixels of one drawing: 28 × 28, as MNIST's images. */
    static final int PIXELS = 784;

    /** Longest run the page may start: the trainer records every iteration's loss, and the event log keeps them all. */
    static final int MAX_ITERATIONS = 100_000;

    private Requests() {}

    /** What {@code POST /api/train} asks for; the fields it leaves out take the book's values. */
    record Training(SampleNetworks.Hidden activation, OptimizerType optimizer, double learningRate, int iterations) {
        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("activation", name(activation));
            o.addProperty("optimizer", name(optimizer));
            o.addProperty("learning_rate", learningRate);
            o.addProperty("iterations", iterations);
            return o;
        }

        /** {@code relu, sgd, learning rate 0.1, 10,000 iterations}. */
        String describe() {
            return String.format(Locale.ROOT, "%s, %s, learning rate %s, %,d iterations", name(activation), name(optimizer),
                    learningRate, iterations);
        }
    }

    /** The body of {@code POST /api/predict}: {@code {"pixels": [784 numbers in [0, 1]]}}, row by row. */
    static double[] pixels(JsonObject body) {
        only(body, Set.of("pixels"));
        JsonElement field = body.get("pixels");
        if (field == null || !field.isJsonArray()) {
            throw bad("pixels must be an array of " + PIXELS + " numbers in [0, 1] (28 × 28, row by row)");
        }
        JsonArray values = field.getAsJsonArray();
        if (values.size() != PIXELS) {
            throw bad("pixels has " + values.size() + " values; the network takes " + PIXELS + " (28 × 28)");
        }
        double[] pixels = new double[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            JsonElement v = values.get(i);
            if (!(v instanceof JsonPrimitive p) || !p.isNumber()) {
                throw bad("pixels[" + i + "] is " + v + ", not a number");
            }
            pixels[i] = p.getAsDouble();
            if (!(pixels[i] >= 0 && pixels[i] <= 1)) {
                throw bad("pixels[" + i + "] is " + p + ", outside [0, 1]");
            }
        }
        return pixels;
    }

    /**
     * The body of {@code POST /api/train}: {@code activation} (relu, sigmoid), {@code optimizer} (sgd, momentum,
     * adagrad, adam), {@code learning_rate} (> 0) and {@code iterations} (1 to {@value #MAX_ITERATIONS}), each optional.
     */
    static Training training(JsonObject body) {
        only(body, Set.of("activation", "optimizer", "learning_rate", "iterations"));
        SampleNetworks.Hidden activation = choice(body, "activation", SampleNetworks.Hidden.class, SampleNetworks.Hidden.RELU);
        OptimizerType optimizer = choice(body, "optimizer", OptimizerType.class, OptimizerType.SGD);
        double learningRate = number(body, "learning_rate", 0.1);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw bad("learning_rate must be finite and > 0, got " + body.get("learning_rate"));
        }
        double iterations = number(body, "iterations", 10_000);
        if (iterations != Math.rint(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
            throw bad("iterations must be a whole number from 1 to " + MAX_ITERATIONS + ", got " + body.get("iterations"));
        }
        return new Training(activation, optimizer, learningRate, (int) iterations);
    }

    /** {@code body} as one JSON object and nothing after it, read strictly (no comments, NaN or single quotes). */
    static JsonObject object(byte[] body) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw bad("the body is empty; send a JSON object");
        }
        JsonReader reader = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement element = JsonParser.parseReader(reader);
            // Strictly, anything but white space after the value is a syntax error, which peeking raises.
            reader.peek();
            if (!element.isJsonObject()) {
                throw bad("the body must be a JSON object, got " + kind(element));
            }
            return element.getAsJsonObject();
        } catch (JsonParseException | IOException e) {
            throw bad("the body is not valid JSON" + where(e.getMessage()));
        }
    }

    private static void only(JsonObject body, Set<String> fields) {
        for (String key : body.keySet()) {
            if (!fields.contains(key)) {
                throw bad("unknown field '" + key + "'; expected " + fields.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private static <E extends Enum<E>> E choice(JsonObject body, String field, Class<E> type, E fallback) {
        JsonElement v = body.get(field);
        if (v == null) {
            return fallback;
        }
        String choices = Arrays.stream(type.getEnumConstants()).map(Requests::name).collect(Collectors.joining(", "));
        if (v instanceof JsonPrimitive p && p.isString()) {
            for (E e : type.getEnumConstants()) {
                if (name(e).equals(p.getAsString())) {
                    return e;
                }
            }
        }
        throw bad(field + " must be one of " + choices + ", got " + v);
    }

    private static double number(JsonObject body, String field, double fallback) {
        JsonElement v = body.get(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof JsonPrimitive p) || !p.isNumber()) {
            throw bad(field + " must be a number, got " + v);
        }
        return p.getAsDouble();
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String kind(JsonElement e) {
        return e.isJsonArray() ? "an array" : e.isJsonNull() ? "null" : "a single value";
    }

    /** " (at line 1 column 7)" from Gson's message, which otherwise suggests reader settings to a client that has none. */
    private static String where(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int at = message.indexOf(" at line ");
        int path = message.indexOf(" path ", Math.max(at, 0));
        return at < 0 || path < 0 ? "" : " (" + message.substring(at + 1, path) + ")";
    }

    private static HttpError bad(String message) {
        return new HttpError(400, message);
    }
}
