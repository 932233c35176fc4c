package dev.scratchnet.samples.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scratchnet.samples.EmbeddedMnist;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code serve} command's HTTP server (the JDK's {@code com.sun.net.httpserver}): the page's files and its JSON
 * API. One handler routes every request by its exact raw path and method, so unknown paths (404), wrong methods (405)
 * and bad input (400, 409, 413, 415) all get a JSON error, and no exception reaches a client as a stack trace.
 */
final class WebServer implements AutoCloseable {
    /** Misclassified test digits sent for the page's strip. */
    static final int MISCLASSIFIED_SHOWN = 24;

    /** Request threads: event streams hold one each while open, and the rest answer everything else. */
    private static final int THREADS = 2 * EventLog.MAX_STREAMS;

    /** What the page may load: its own files, pictures drawn in it, and nothing from another address. */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static {
        // The JDK's server sends a response's headers and body as two writes; with Nagle's algorithm on, the body waits
        // for the client's delayed acknowledgement of the headers, some 40 ms on Linux, for every answer. The server
        // reads this property once, when it first starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One endpoint: the method it answers and what it does. */
    private record Endpoint(String method, Handler handler) {}

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final ServedModel served;
    private final EventLog events = new EventLog();
    private final TrainingRuns runs;
    private final StaticFiles files = new StaticFiles();
    private final Map<String, Endpoint> endpoints;
    private final CountDownLatch closed = new CountDownLatch(1);

    private WebServer(HttpServer server, ServedModel served) {
        this.server = server;
        this.served = served;
        this.runs = new TrainingRuns(served, events);
        this.endpoints = Map.of(
                "/", new Endpoint("GET", exchange -> sendFile(exchange, files.page())),
                "/api/model", new Endpoint("GET", exchange -> Exchanges.sendJson(exchange, 200, served.toJson())),
                "/api/predict", new Endpoint("POST", this::predict),
                "/api/train", new Endpoint("POST", exchange ->
                        Exchanges.sendJson(exchange, 202, runs.start(Requests.training(Exchanges.jsonBody(exchange))))),
                "/api/stop", new Endpoint("POST", exchange -> {
                    Exchanges.jsonBody(exchange);
                    Exchanges.sendJson(exchange, 202, runs.stop());
                }),
                "/api/events", new Endpoint("GET", events::stream),
                "/api/misclassified", new Endpoint("GET", exchange -> Exchanges.sendJson(exchange, 200,
                        served.misclassified(EmbeddedMnist.load().getTest(), MISCLASSIFIED_SHOWN))));
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "scratchnet-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /**
     * Serves {@code served} and the page at {@code address} (port 0 picks a free port).
     *
     * @throws IOException if the address cannot be bound, e.g. the port is in use
     */
    static WebServer start(InetSocketAddress address, ServedModel served) throws IOException {
        WebServer web = new WebServer(HttpServer.create(address, 0), served);
        web.server.start();
        return web;
    }

    /** The page's address: {@code http://127.0.0.1:8080/} for the loopback or the wildcard address. */
    URI getUri() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : bound.getAddress() instanceof Inet6Address ? "[" + bound.getAddress().getHostAddress() + "]"
                : bound.getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + bound.getPort() + "/");
    }

    /** Blocks until {@link #close()} has run. */
    void awaitClose() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops a training run in progress, ends the event streams, and stops the server and its threads. Interrupted, it
     * stops without waiting for the run and the threads to end, and keeps the interrupt.
     */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        events.close();
        try {
            runs.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // No grace period: the event streams and the run have ended, and what may remain are predictions of
        // microseconds, while any grace costs up to a second (the JDK's dispatcher looks for idle exchanges once a second).
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed.countDown();
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try (exchange) {
            try {
                route(exchange, method, path);
            } catch (HttpError e) {
                Exchanges.sendError(exchange, e.getStatus(), e.getMessage());
            } catch (RuntimeException e) {
                System.err.println("scratchnet serve: " + method + " " + path + " failed: " + e);
                Exchanges.sendError(exchange, 500, "the server failed on this request: " + e.getClass().getSimpleName());
            }
        } catch (IOException e) {
            // The client went away (or the answer had already begun): there is no one left to tell.
        }
    }

    private void route(HttpExchange exchange, String method, String path) throws IOException {
        Endpoint endpoint = endpoints.get(path);
        StaticFiles.File file = path.startsWith("/static/") ? files.get(path.substring("/static/".length())) : null;
        if (endpoint == null && file != null) {
            endpoint = new Endpoint("GET", e -> sendFile(e, file));
        }
        if (endpoint == null) {
            throw new HttpError(404, "nothing at " + path);
        }
        if (!endpoint.method().equals(method)) {
            exchange.getResponseHeaders().set("Allow", endpoint.method());
            throw new HttpError(405, path + " answers " + endpoint.method() + ", not " + method);
        }
        endpoint.handler().handle(exchange);
    }

    private static void sendFile(HttpExchange exchange, StaticFiles.File file) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        Exchanges.send(exchange, 200, file.type(), file.bytes());
    }

    private void predict(HttpExchange exchange) throws IOException {
        ServedModel.Prediction prediction = served.predict(Requests.pixels(Exchanges.jsonBody(exchange)));
        JsonObject answer = new JsonObject();
        answer.addProperty("class", prediction.predictedClass());
        JsonArray probabilities = new JsonArray();
        for (double p : prediction.probabilities()) {
            probabilities.add(p);
        }
        answer.add("probabilities", probabilities);
        answer.addProperty("version", prediction.version());
        Exchanges.sendJson(exchange, 200, answer);
    }
}
