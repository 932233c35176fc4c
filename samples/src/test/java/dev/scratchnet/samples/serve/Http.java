package dev.scratchnet.samples.serve;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** A client of the test's server: JSON requests through {@link HttpClient}, and raw bytes through a socket. */
final class Http {
    /** An answer: its status, headers (names in lower case, first values) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        /** The JSON error's sentence. */
        String error() {
            return json().get("error").getAsString();
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** POSTs {@code json} as {@code application/json}. */
    Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new HashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            return new Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One server-sent event: its name and its JSON data. */
    record Event(String name, JsonObject data) {}

    /**
     * Reads the event stream at {@code path} up to and including the first event named {@code last}. The caller
     * bounds how long this may take (JUnit's {@code @Timeout}): a stream waits for its events as long as they take.
     */
    List<Event> events(String path, String last) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
        List<Event> events = new ArrayList<>();
        try (Stream<String> lines = client.send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
            String name = null;
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event: ")) {
                    name = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    events.add(new Event(name, JsonParser.parseString(line.substring("data: ".length())).getAsJsonObject()));
                    if (last.equals(name)) {
                        return events;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("the stream ended before a '" + last + "' event: " + events);
    }

    /**
     * Sends {@code requestHead} (request line and headers, CRLF-separated, without the blank line) and {@code body} exactly
     * as given, e.g. a path no client library would send unnormalised, and reads the whole answer.
     */
    Answer raw(String requestHead, byte[] body) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            String request = requestHead + "\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = headOf(in);
            Map<String, String> headers = new HashMap<>();
            for (String line : head.substring(head.indexOf("\r\n") + 2).split("\r\n")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            // The body by its length, as a browser reads it: the server may keep the connection open to drain the
            // request body it refused.
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String text = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(head.substring(9, 12)), headers, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status line and headers, up to the blank line, which is read too. */
    private static String headOf(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the answer ended inside its headers: " + head);
            }
            head.append((char) b);
        }
        return head.substring(0, head.length() - 4);
    }
}
