package dev.scratchnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.scratchnet.runtime.testing.Fifos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are not regular files are named for what they are, and a named pipe is never opened. */
class RegularFilesTest {
    @TempDir
    Path dir;

    @Test
    void regularFilesDirectlyOrThroughALinkPass() throws IOException {
        Path file = Files.writeString(dir.resolve("weights"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);

        assertNull(RegularFiles.whyNotRegular(file));
        assertNull(RegularFiles.whyNotRegular(link));
    }

    @Test
    void eachKindOfNonRegularFileIsNamed() throws Exception {
        Path pipe = Fifos.mkfifo(dir.resolve("pipe"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
        Path toDirectory = Files.createSymbolicLink(dir.resolve("to-dir"), dir);

        assertEquals("no such file", RegularFiles.whyNotRegular(dir.resolve("missing")));
        assertEquals("no such file", RegularFiles.whyNotRegular(dir.resolve("missing/below")));
        assertEquals("it is a directory, not a regular file", RegularFiles.whyNotRegular(dir));
        assertEquals("it is a named pipe (FIFO), not a regular file", RegularFiles.whyNotRegular(pipe));
        assertEquals("it is a character device, not a regular file", RegularFiles.whyNotRegular(Path.of("/dev/null")));
        assertEquals("it is a symbolic link to '" + dir.resolve("gone") + "', which does not exist", RegularFiles.whyNotRegular(dangling));
        assertEquals("it is a symbolic link to '" + dir + "', which is a directory, not a regular file",
                RegularFiles.whyNotRegular(toDirectory));
    }

    @Test
    void requireRegularNamesTheFileWithoutOpeningAPipe() throws Exception {
        Path pipe = Fifos.mkfifo(dir.resolve("pipe"));

        UncheckedIOException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(UncheckedIOException.class, () -> RegularFiles.requireRegular(pipe)));
        UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> RegularFiles.requireRegular(dir.resolve("m")));

        assertEquals(pipe + ": cannot read: it is a named pipe (FIFO), not a regular file", e.getMessage());
        assertInstanceOf(FileSystemException.class, e.getCause());
        assertEquals(dir.resolve("m") + ": cannot read: no such file", missing.getMessage());
        assertInstanceOf(NoSuchFileException.class, missing.getCause());
    }
}
