package dev.scratchnet.samples.serve;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The current training run as server-sent events ({@code GET /api/events}): {@code run}, then {@code loss} and
 * {@code epoch} events as training goes, then {@code done}. The run appends, and each open stream sends on its own
 * thread what it has not sent yet, from the start of the run: a page opened or reloaded mid-run draws the whole curve,
 * and a slow or stalled client never slows training down. A new run starts the log afresh.
 */
final class EventLog {
    /** Open streams allowed at once: each holds one of the server's threads while it is open. */
    static final int MAX_STREAMS = 8;

    /** A comment sent when nothing else was, so that a closed connection is noticed and its thread freed. */
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(15);

    private static final Gson GSON = new Gson();

    private final List<byte[]> frames = new ArrayList<>();
    private int run;
    private int streams;
    private boolean closed;

    /** Starts the log of a new run with its {@code run} event. */
    synchronized void startRun(JsonObject data) {
        frames.clear();
        run++;
        append("run", data);
    }

    synchronized void append(String event, JsonObject data) {
        frames.add(("event: " + event + "\ndata: " + GSON.toJson(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        notifyAll();
    }

    /** Ends every open stream and refuses new ones: the server is stopping. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Streams the log to {@code exchange} until the client goes away or the log is closed. */
    void stream(HttpExchange exchange) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new HttpError(503, "the server is stopping");
            }
            if (streams == MAX_STREAMS) {
                throw new HttpError(503, "already " + MAX_STREAMS + " event streams open; close a tab of this page");
            }
            streams++;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            Cursor cursor = new Cursor();
            // The first pass sends only a comment: the headers and a first byte leave at once, and the page knows it
            // is connected.
            for (List<byte[]> next = List.of(); next != null; next = next(cursor)) {
                if (next.isEmpty()) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII));
                }
                for (byte[] frame : next) {
                    out.write(frame);
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                streams--;
            }
        }
    }

    /** Where one stream is: the run it is sending and the next frame of it. */
    private static final class Cursor {
        int run;
        int next;
    }

    /**
     * The frames {@code cursor} has not sent, once there are any (all of a new run's when one started); an empty list
     * after {@link #KEEP_ALIVE_NANOS} without any; null when the log is closed.
     */
    private synchronized @Nullable List<byte[]> next(Cursor cursor) throws InterruptedException {
        long deadline = System.nanoTime() + KEEP_ALIVE_NANOS;
        while (!closed && cursor.run == run && cursor.next == frames.size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) {
            return null;
        }
        if (cursor.run != run) {
            cursor.run = run;
            cursor.next = 0;
        }
        List<byte[]> batch = List.copyOf(frames.subList(cursor.next, frames.size()));
        cursor.next = frames.size();
        return batch;
    }
}
