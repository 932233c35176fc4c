package dev.scratchnet.samples.serve;

import static dev.scratchnet.samples.serve.WebServerTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.samples.EmbeddedMnist;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Training from the API: one run at a time, its server-sent events, and what the served model becomes. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TrainingRunsTest {
    private WebServer server;
    private Http http;

    @BeforeEach
    void start() {
        server = Servers.untrained();
        http = new Http(server.getUri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eventsStreamEveryIterationsLossAndEachEpochThenDone() {
        Dataset test = EmbeddedMnist.load().getTest();
        JsonObject before = predict(test, 0);
        assertEquals(202, http.post("api/train", "{\"iterations\": 1200}").status());

        List<Http.Event> events = http.events("api/events", "done");
        assertEquals("run", events.get(0).name());
        assertEquals(1200, events.get(0).data().get("iterations").getAsInt());
        int next = 0;
        for (Http.Event e : events.subList(1, events.size()).stream().filter(e -> e.name().equals("loss")).toList()) {
            assertEquals(next, e.data().get("from").getAsInt(), "the losses continue where the last event stopped");
            for (JsonElement loss : e.data().getAsJsonArray("losses")) {
                assertTrue(loss.getAsDouble() > 0 && loss.getAsDouble() < 10, loss.toString());
                next++;
            }
        }
        assertEquals(1200, next, "one loss per iteration");
        List<JsonObject> epochs = events.stream().filter(e -> e.name().equals("epoch")).map(Http.Event::data).toList();
        assertEquals(List.of(0, 600), epochs.stream().map(e -> e.get("iteration").getAsInt()).toList());
        assertEquals(List.of(0, 1), epochs.stream().map(e -> e.get("epoch").getAsInt()).toList());
        JsonObject done = events.get(events.size() - 1).data();
        assertEquals("finished", done.get("status").getAsString());
        assertEquals(1200, done.get("iteration").getAsInt());
        assertTrue(done.get("test_accuracy").getAsDouble() > 0.8, done.toString());

        JsonObject model = http.get("api/model").json();
        assertEquals("trained", model.get("state").getAsString());
        JsonObject after = predict(test, 0);
        assertNotEquals(before.get("probabilities"), after.get("probabilities"), "the served model is the trained one");
        assertTrue(after.get("version").getAsLong() > before.get("version").getAsLong());

        JsonObject wrong = http.get("api/misclassified").json();
        assertEquals(done.get("test_accuracy").getAsDouble(), wrong.get("accuracy").getAsDouble(), 1e-12);
        for (JsonElement d : wrong.getAsJsonArray("digits")) {
            JsonObject digit = d.getAsJsonObject();
            int row = digit.get("index").getAsInt();
            assertEquals(test.getLabels()[row], digit.get("label").getAsInt());
            assertNotEquals(digit.get("label").getAsInt(), digit.get("predicted").getAsInt());
            byte[] grey = Base64.getDecoder().decode(digit.get("pixels").getAsString());
            for (int i = 0; i < 784; i++) {
                assertEquals(test.getX()[row * 784 + i], (grey[i] & 0xff) / 255.0, 1e-12);
            }
        }
        assertEquals(events.size(), http.events("api/events", "done").size(), "a stream opened later replays the run");
    }

    @Test
    void aSecondStartWhileARunIsInProgressIsRefused() {
        assertEquals(202, http.post("api/train", "{\"iterations\": 100000}").status());
        assertError(http.post("api/train", "{\"iterations\": 100}"), 409,
                "a training run is already in progress (run 1: relu, sgd, learning rate 0.1, 100,000 iterations)");
        assertEquals(202, http.post("api/stop", "{}").status());
        JsonObject done = last(http.events("api/events", "done"));
        assertEquals("stopped", done.get("status").getAsString());
        assertTrue(done.get("iteration").getAsInt() < 100_000, done.toString());
        assertEquals("stopped", http.get("api/model").json().get("state").getAsString());

        assertEquals(202, http.post("api/train", "{\"iterations\": 100}").status(), "after the run ends, another may start");
        assertEquals("finished", last(http.events("api/events", "done")).get("status").getAsString());
    }

    @Test
    void aDivergingRunFailsWithItsReasonAndKeepsServingFiniteWeights() {
        assertEquals(202, http.post("api/train", "{\"learning_rate\": 1e300, \"iterations\": 1000}").status());
        JsonObject done = last(http.events("api/events", "done"));
        assertEquals("failed", done.get("status").getAsString());
        assertTrue(done.get("message").getAsString().contains("diverged"), done.toString());
        assertTrue(done.get("message").getAsString().contains("lower the learning rate"), done.toString());
        assertEquals("failed", http.get("api/model").json().get("state").getAsString());
        JsonObject answer = predict(EmbeddedMnist.load().getTest(), 0);
        double[] probabilities = new Gson().fromJson(answer.get("probabilities"), double[].class);
        assertTrue(Arrays.stream(probabilities).allMatch(Double::isFinite), Arrays.toString(probabilities));
    }

    private JsonObject predict(Dataset test, int row) {
        double[] pixels = Arrays.copyOfRange(test.getX(), row * 784, (row + 1) * 784);
        Http.Answer answer = http.post("api/predict", new Gson().toJson(Map.of("pixels", pixels)));
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private static JsonObject last(List<Http.Event> events) {
        return events.get(events.size() - 1).data();
    }
}
