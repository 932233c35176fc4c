package dev.scratchnet.samples.serve;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading request bodies within a size limit, and writing JSON answers and errors. */
final class Exchanges {
    /**
     * The largest request body read: a drawing is 784 numbers, about 5 KB as the page sends them and under 16 KB at
     * full double precision, so 64 KiB leaves room for any honest client and bounds what a dishonest one costs.
     */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Gson GSON = new Gson();

    private Exchanges() {}

    /**
     * The request body as a JSON object. POSTs must say {@code Content-Type: application/json}: a browser sends that
     * type from another site only after a CORS preflight, which this server never approves, so no other page can start
     * or stop training here.
     */
    static JsonObject jsonBody(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpError(415, "the body must be JSON, sent with Content-Type: application/json");
        }
        return Requests.object(body(exchange));
    }

    /** At most {@link #MAX_BODY_BYTES} of the body; a longer one is refused before or while it is read. */
    private static byte[] body(HttpExchange exchange) throws IOException {
        // The JDK's server has already refused a Content-Length that is not a number, with its own 400.
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static HttpError tooLarge() {
        return new HttpError(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    static void sendJson(HttpExchange exchange, int status, JsonElement body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"error": message, "status": status}}. */
    static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        JsonObject error = new JsonObject();
        error.addProperty("error", message);
        error.addProperty("status", status);
        sendJson(exchange, status, error);
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
