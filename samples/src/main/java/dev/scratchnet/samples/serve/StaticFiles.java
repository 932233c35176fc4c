package dev.scratchnet.samples.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The page's files: a fixed list, read once from the resources {@code dev/scratchnet/samples/web/}. A request names a
 * file of the list exactly or gets a 404; no request path is ever resolved against a directory or the class path, so
 * none can reach any other file ({@code ..}, encoded slashes and other resources of the jar all miss the list).
 */
final class StaticFiles {
    private static final String ROOT = "/dev/scratchnet/samples/web/";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", JS,
            "style.css", CSS,
            "uplot/uPlot.iife.min.js", JS,
            "uplot/uPlot.min.css", CSS,
            "uplot/LICENSE", "text/plain; charset=utf-8");

    /** A file's content type and bytes. */
    record File(String type, byte[] bytes) {}

    private final Map<String, File> files = new HashMap<>();

    /** @throws IllegalStateException if a file of the list is missing from the jar */
    StaticFiles() {
        TYPES.forEach((name, type) -> {
            try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("the page's file " + ROOT + name + " is missing from the app");
                }
                files.put(name, new File(type, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + ROOT + name + ": " + e.getMessage(), e);
            }
        });
    }

    /** The page itself, {@code index.html}. */
    File page() {
        return files.get("index.html");
    }

    /** The file named {@code name} exactly (e.g. {@code uplot/uPlot.min.css}), or null. */
    @Nullable File get(String name) {
        return files.get(name);
    }
}
