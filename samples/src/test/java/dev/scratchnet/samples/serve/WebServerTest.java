package dev.scratchnet.samples.serve;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The server without a browser: what it answers to bad input, unknown paths, wrong methods and paths that climb out. */
class WebServerTest {
    private static WebServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = Servers.untrained();
        http = new Http(server.getUri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void predictAnswersTenProbabilitiesAndTheirLargest() {
        Http.Answer answer = http.post("api/predict", pixels("0.5"));
        assertEquals(200, answer.status(), answer.body());
        double sum = 0;
        int best = 0;
        for (int c = 0; c < 10; c++) {
            double p = answer.json().getAsJsonArray("probabilities").get(c).getAsDouble();
            sum += p;
            best = p > answer.json().getAsJsonArray("probabilities").get(best).getAsDouble() ? c : best;
        }
        assertEquals(1, sum, 1e-12);
        assertEquals(best, answer.json().get("class").getAsInt());
    }

    @Test
    void predictRefusesAnythingButSevenHundredEightyFourNumbersInTheUnitInterval() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"pixels\": [" + String.join(",", Collections.nCopies(783, "0")) + "]}", "pixels has 783 values"),
                Map.entry("{\"pixels\": [" + String.join(",", Collections.nCopies(785, "0")) + "]}", "pixels has 785 values"),
                Map.entry(pixels("\"0.5\""), "pixels[0] is \"0.5\", not a number"),
                Map.entry(pixels("null"), "pixels[0] is null, not a number"),
                Map.entry(pixels("[0]"), "pixels[0] is [0], not a number"),
                Map.entry(pixels("true"), "pixels[0] is true, not a number"),
                Map.entry(pixels("1.5"), "pixels[0] is 1.5, outside [0, 1]"),
                Map.entry(pixels("-0.01"), "pixels[0] is -0.01, outside [0, 1]"),
                Map.entry(pixels("1e400"), "pixels[0] is 1e400, outside [0, 1]"),
                Map.entry(pixels("NaN"), "not valid JSON"),
                Map.entry("{\"pixels\": \"all zeros\"}", "pixels must be an array of 784 numbers"),
                Map.entry("{}", "pixels must be an array of 784 numbers"),
                Map.entry("{\"pixels\": [], \"label\": 3}", "unknown field 'label'"),
                Map.entry("[0, 0, 0]", "the body must be a JSON object, got an array"),
                Map.entry("{\"pixels\": [0,", "not valid JSON"),
                Map.entry("{\"pixels\": []} {}", "not valid JSON (at line 1 column 17)"),
                Map.entry("// a comment\n{}", "not valid JSON"),
                Map.entry("", "the body is empty"));
        List<Executable> checks = new ArrayList<>();
        cases.forEach((body, message) -> checks.add(() -> assertError(http.post("api/predict", body), 400, message)));
        assertAll(checks);
    }

    @Test
    void bodiesOverSixtyFourKibibytesAreRefusedAndBodiesUpToItAccepted() {
        String padded = pixels("0.25");
        String exactlyTheLimit = padded + " ".repeat(Exchanges.MAX_BODY_BYTES - padded.length());
        assertEquals(200, http.post("api/predict", exactlyTheLimit).status());
        assertError(http.post("api/predict", exactlyTheLimit + " "), 413, "larger than 65536 bytes");
        // A declared length is refused before a byte of the body is read; a chunked body is cut off as it is read.
        assertError(http.raw("POST /api/predict HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 1000000000",
                new byte[0]), 413, "larger than 65536 bytes");
        byte[] chunk = " ".repeat(40_000).getBytes(StandardCharsets.US_ASCII);
        String size = Integer.toHexString(chunk.length);
        byte[] chunked = (size + "\r\n" + new String(chunk, StandardCharsets.US_ASCII) + "\r\n" + size + "\r\n"
                + new String(chunk, StandardCharsets.US_ASCII) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertError(http.raw("POST /api/predict HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                chunked), 413, "larger than 65536 bytes");
    }

    @Test
    void postsMustBeJson() {
        HttpRequest.Builder plain = HttpRequest.newBuilder(server.getUri().resolve("api/predict"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(pixels("0")));
        assertError(http.send(plain), 415, "Content-Type: application/json");
        HttpRequest.Builder form = HttpRequest.newBuilder(server.getUri().resolve("api/train"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("iterations=1"));
        assertError(http.send(form), 415, "Content-Type: application/json");
    }

    @Test
    void unknownPathsAreNotFoundAndWrongMethodsNotAllowed() {
        for (String path : List.of("nope", "api", "api/", "api/predict/", "static/", "static/nope.js", "index.html")) {
            assertError(http.get(path), 404, "nothing at /" + path);
        }
        Http.Answer get = http.get("api/predict");
        assertError(get, 405, "/api/predict answers POST, not GET");
        assertEquals("POST", get.headers().get("allow"));
        assertError(http.post("", "{}"), 405, "/ answers GET, not POST");
        assertError(http.post("static/app.js", "{}"), 405, "/static/app.js answers GET, not POST");
        Http.Answer delete = http.send(HttpRequest.newBuilder(server.getUri().resolve("api/model")).DELETE());
        assertError(delete, 405, "/api/model answers GET, not DELETE");
    }

    @Test
    void staticFilesCannotBeReadOutsideTheAppsOwnFiles() {
        List<String> climbing = List.of("/static/../pom.xml", "/static/../../../../../../etc/passwd",
                "/static/%2e%2e/%2e%2e/pom.xml", "/static/..%2f..%2fpom.xml", "/static/%2fetc%2fpasswd",
                "/static//etc/passwd", "/static/uplot/../app.js", "/static/./app.js",
                "/static/uplot/README.md", "/static/dev/scratchnet/samples/serve/WebServer.class",
                "/static/../serve/WebServer.class", "/static/../mnist/SHA256SUMS", "/../../../etc/passwd",
                "/static/app.js%00.png", "/static/APP.JS");
        for (String path : climbing) {
            Http.Answer answer = http.raw("GET " + path + " HTTP/1.1", new byte[0]);
            assertError(answer, 404, "nothing at " + path);
        }
        // A path that is no URI at all the JDK's server refuses itself, before any handler runs.
        assertEquals(400, http.raw("GET /static/..\\..\\pom.xml HTTP/1.1", new byte[0]).status());
        Map<String, String> served = Map.of("/static/app.js", "text/javascript; charset=utf-8",
                "/static/style.css", "text/css; charset=utf-8",
                "/static/uplot/uPlot.iife.min.js", "text/javascript; charset=utf-8",
                "/static/uplot/uPlot.min.css", "text/css; charset=utf-8", "/static/uplot/LICENSE", "text/plain; charset=utf-8",
                "/", "text/html; charset=utf-8");
        served.forEach((path, type) -> {
            Http.Answer answer = http.raw("GET " + path + " HTTP/1.1", new byte[0]);
            assertEquals(200, answer.status(), path);
            assertEquals(type, answer.contentType(), path);
        });
    }

    @Test
    void thePageMayLoadNothingFromAnotherAddress() {
        Http.Answer page = http.get("");
        assertEquals("text/html; charset=utf-8", page.contentType());
        assertTrue(page.body().contains("<canvas id=\"pad\""), page.body());
        String policy = page.headers().get("content-security-policy");
        assertTrue(policy.startsWith("default-src 'self';"), policy);
    }

    @Test
    void trainingSettingsOutOfRangeAreRefusedNamingTheField() {
        Map<String, String> cases = Map.of(
                "{\"activation\": \"tanh\"}", "activation must be one of relu, sigmoid, got \"tanh\"",
                "{\"optimizer\": \"rmsprop\"}", "optimizer must be one of sgd, momentum, adagrad, adam, got \"rmsprop\"",
                "{\"learning_rate\": 0}", "learning_rate must be finite and > 0, got 0",
                "{\"learning_rate\": \"0.1\"}", "learning_rate must be a number, got \"0.1\"",
                "{\"learning_rate\": 1e400}", "learning_rate must be finite and > 0, got 1e400",
                "{\"iterations\": 0}", "iterations must be a whole number from 1 to 100000, got 0",
                "{\"iterations\": 1.5}", "iterations must be a whole number from 1 to 100000, got 1.5",
                "{\"iterations\": 100001}", "iterations must be a whole number from 1 to 100000, got 100001",
                "{\"learningRate\": 0.1}",
                "unknown field 'learningRate'; expected activation, iterations, learning_rate, optimizer");
        List<Executable> checks = new ArrayList<>();
        cases.forEach((body, message) -> checks.add(() -> assertError(http.post("api/train", body), 400, message)));
        assertAll(checks);
    }

    @Test
    void eventStreamsBeyondEightAreRefused() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < EventLog.MAX_STREAMS; i++) {
                HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(server.getUri().resolve("api/events"))
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                open.add(stream.body());
                assertEquals(200, stream.statusCode());
            }
            assertError(http.get("api/events"), 503, "already 8 event streams open; close a tab of this page");
        } finally {
            for (InputStream stream : open) {
                stream.close();
            }
        }
    }

    @Test
    void stoppingWhenNothingTrainsIsAConflict() {
        assertError(http.post("api/stop", "{}"), 409, "no training run is in progress");
    }

    /**
     * A 4xx answer in JSON, {@code {"error": …, "status": …}}, whose sentence contains {@code message}, and no stack
     * trace.
     */
    static void assertError(Http.Answer answer, int status, String message) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/json; charset=utf-8", answer.contentType(), answer.body());
        assertEquals(status, answer.json().get("status").getAsInt());
        assertTrue(answer.error().contains(message), "expected '" + message + "' in " + answer.error());
        assertFalse(answer.body().contains("\tat ") || answer.body().contains("Exception"), answer.body());
    }

    /** A predict body whose first pixel is {@code first} (as written) and the rest 0. */
    private static String pixels(String first) {
        return "{\"pixels\": [" + first + "," + String.join(",", Collections.nCopies(783, "0")) + "]}";
    }
}
