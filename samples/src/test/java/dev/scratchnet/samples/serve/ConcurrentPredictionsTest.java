package dev.scratchnet.samples.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.scratchnet.runtime.Matrix;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.samples.EmbeddedMnist;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Predictions from many threads at once, with and without a training run copying weights into the served model:
 * the generated model is not thread-safe, so every answer is checked.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConcurrentPredictionsTest {
    private static final int THREADS = 8;
    private static final int REQUESTS = 200;

    private final Dataset test = EmbeddedMnist.load().getTest();
    private final Gson gson = new Gson();
    private WebServer server;
    private Http http;

    @BeforeEach
    void start() {
        server = Servers.trained();
        http = new Http(server.getUri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eightThreadsOfTwoHundredPredictionsGetTheAnswersOfOneThread() throws Exception {
        Model reference = BookWeights.trained();
        double[][] expected = new double[THREADS * REQUESTS][10];
        for (int row = 0; row < expected.length; row++) {
            reference.predict(pixels(row), 1, expected[row]);
        }
        List<String> wrong = inThreads(t -> {
            List<String> mismatches = new ArrayList<>();
            for (int k = 0; k < REQUESTS; k++) {
                int row = t * REQUESTS + k;
                JsonObject answer = predict(row);
                double[] p = gson.fromJson(answer.get("probabilities"), double[].class);
                if (!Arrays.equals(expected[row], p) || answer.get("class").getAsInt() != argmax(expected[row])) {
                    mismatches.add("row " + row + ": " + answer + ", expected " + Arrays.toString(expected[row]));
                }
            }
            return mismatches;
        });
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers, e.g. " + wrong.subList(0, Math.min(3, wrong.size())));
    }

    @Test
    void predictionsWhileTrainingRunsEachSeeOneCompleteSetOfWeights() throws Exception {
        assertEquals(202, http.post("api/train", "{\"iterations\": 100000}").status());
        http.events("api/events", "loss");
        // Twenty digits over and over: answers given by the same weights (same version) to the same digit must agree.
        List<String> answers = inThreads(t -> {
            List<String> seen = new ArrayList<>();
            for (int k = 0; k < REQUESTS; k++) {
                int row = (t + k) % 20;
                JsonObject answer = predict(row);
                double[] p = gson.fromJson(answer.get("probabilities"), double[].class);
                assertEquals(10, p.length);
                assertEquals(1, Arrays.stream(p).sum(), 1e-9, answer.toString());
                assertTrue(Arrays.stream(p).allMatch(v -> v >= 0 && v <= 1), answer.toString());
                assertEquals(argmax(p), answer.get("class").getAsInt());
                seen.add(row + "@" + answer.get("version").getAsLong() + "=" + Arrays.toString(p));
            }
            return seen;
        });
        Map<String, String> byWeights = new HashMap<>();
        for (String answer : answers) {
            String key = answer.substring(0, answer.indexOf('='));
            String previous = byWeights.putIfAbsent(key, answer);
            assertTrue(previous == null || previous.equals(answer), previous + " but then " + answer);
        }
        assertEquals(202, http.post("api/stop", "{}").status());
        JsonObject done = http.events("api/events", "done").stream().reduce((a, b) -> b).orElseThrow().data();
        assertEquals("stopped", done.get("status").getAsString(), "the run went on while the predictions were made");
        long versions = byWeights.keySet().stream().map(k -> k.substring(k.indexOf('@'))).distinct().count();
        System.out.println("ConcurrentPredictionsTest: " + THREADS * REQUESTS + " predictions during training saw "
                + versions + " versions of the weights");
    }

    private double[] pixels(int row) {
        return Arrays.copyOfRange(test.getX(), row * 784, (row + 1) * 784);
    }

    private JsonObject predict(int row) {
        Http.Answer answer = http.post("api/predict", gson.toJson(Map.of("pixels", pixels(row))));
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    /** Runs {@code work} for threads 0 to 7 at once and gathers what they return. */
    private static List<String> inThreads(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<List<String>>) () -> work.run(thread)));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Work {
        List<String> run(int thread) throws Exception;
    }

    private static int argmax(double[] p) {
        return new Matrix(1, p.length, p).argmaxRows()[0];
    }
}
