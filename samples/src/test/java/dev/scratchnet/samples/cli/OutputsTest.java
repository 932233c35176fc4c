package dev.scratchnet.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's outputs are written in order, and one that fails loses none of the others. */
class OutputsTest {
    private final List<String> written = new ArrayList<>();
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);

    @Test
    void aPictureThatFailsLosesNeitherTheWeightsBeforeItNorThePictureAfterIt() {
        Outputs outputs = new Outputs();
        outputs.add(() -> write("weights"));
        UncheckedIOException failure = new UncheckedIOException("cannot write plot p.png: disk full", new IOException("disk full"));
        outputs.add(() -> {
            throw failure;
        });
        outputs.add(() -> write("misclassified"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> outputs.writeAll(out));

        assertSame(failure, e);
        assertEquals(List.of("weights", "misclassified"), written);
        assertEquals("weights written\nmisclassified written\n", lines.toString(StandardCharsets.UTF_8));
    }

    @Test
    void severalFailuresAreReportedOnOneLineNamingEachFile() {
        Outputs outputs = new Outputs();
        outputs.add(() -> {
            throw new UncheckedIOException("cannot write plot p.png: disk full", new IOException("disk full"));
        });
        outputs.add(() -> {
            throw new UncheckedIOException("cannot write image m.png: disk full", new IOException("disk full"));
        });

        RuntimeException e = assertThrows(RuntimeException.class, () -> outputs.writeAll(out));

        assertEquals("cannot write plot p.png: disk full; cannot write image m.png: disk full", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
    }

    private String write(String what) {
        written.add(what);
        return what + " written";
    }
}
