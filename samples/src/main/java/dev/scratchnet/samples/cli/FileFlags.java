package dev.scratchnet.samples.cli;

import dev.scratchnet.runtime.internal.RegularFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks on the files a command's flags name, made before any work starts: inputs must be regular files, outputs
 * must be writable and must not overwrite one another or an input. Checks on the files a command will write, so that a path that cannot be written
 * fails at once instead of after a long training run. The checks write: they create the file's missing directories
 * (as the pictures always did), then create and delete the file itself (or, if it exists, a temporary file beside
 * it), which is the only reliable test of permissions, read-only file systems and name lengths.
 */
public final class FileFlags {
    private FileFlags() {}

    /**
     * Checks that {@code file}, given with {@code flag}, can be written.
     *
     * @throws UncheckedIOException {@code "<flag> <file>: <why not>"}, a run-time failure (exit code 1)
     */
    static void checkOutput(String flag, Path file) {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        if (target.getFileName() == null || directory == null) {
            throw failure(flag, file, "names no file; give a file name, such as " + target.resolve("out" + extension(flag)), null);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            String why = RegularFiles.whyNotRegular(target);
            if (why != null) {
                throw failure(flag, file, why, null);
            }
            if (!Files.isWritable(target)) {
                throw failure(flag, file, "the file is read-only", null);
            }
            probe(flag, file, () -> Files.delete(Files.createTempFile(directory, ".scratchnet-", ".tmp")));
        } else {
            probe(flag, file, () -> Files.createDirectories(directory));
            probe(flag, file, () -> Files.delete(Files.createFile(target)));
        }
    }

    /**
     * Checks that {@code file}, given with {@code flag}, is a regular file (directly or through links), before
     * anything opens it: anything else is named for what it is.
     *
     * @throws UncheckedIOException {@code "<flag> <file>: cannot read: <why>"}, a run-time failure (exit code 1)
     */
    public static void requireInput(String flag, Path file) {
        try {
            RegularFiles.requireRegular(file);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException(flag + " " + e.getMessage(), e.getCause());
        }
    }

    /**
     * Refuses two outputs that name one file, where the one written second would destroy the first.
     *
     * @throws picocli.CommandLine.ParameterException a usage error (exit code 2) naming both flags
     */
    static void requireDistinct(CommandSpec spec, Map<String, Path> outputs) {
        List<Map.Entry<String, Path>> files = List.copyOf(outputs.entrySet());
        for (int a = 0; a < files.size(); a++) {
            for (int b = a + 1; b < files.size(); b++) {
                requireOther(spec, files.get(b).getKey(), files.get(b).getValue(), files.get(a).getKey(), files.get(a).getValue());
            }
        }
    }

    /**
     * Refuses an output that names one of {@code inputs}, which it would overwrite.
     *
     * @throws picocli.CommandLine.ParameterException a usage error (exit code 2) naming both flags
     */
    static void requireApart(CommandSpec spec, Map<String, Path> outputs, Map<String, Path> inputs) {
        outputs.forEach((flag, file) -> inputs.forEach((input, other) -> requireOther(spec, flag, file, input, other)));
    }

    private static void requireOther(CommandSpec spec, String flag, Path file, String otherFlag, Path other) {
        if (file.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize())) {
            throw Validation.usage(spec, flag + " " + file + " is also the file of " + otherFlag + ", which it would overwrite; "
                    + "give each its own file");
        }
    }

    @FunctionalInterface
    private interface Probe {
        void run() throws IOException;
    }

    private static void probe(String flag, Path file, Probe probe) {
        try {
            probe.run();
        } catch (IOException e) {
            throw failure(flag, file, "cannot be written: " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof FileAlreadyExistsException a) {
            return a.getFile() + " exists and is not a directory";
        }
        if (e instanceof NoSuchFileException a) {
            return "no such file or directory: " + a.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.toString();
    }

    private static String extension(String flag) {
        return flag.equals("--save") ? ".safetensors" : ".png";
    }

    private static UncheckedIOException failure(String flag, Path file, String why, @Nullable IOException cause) {
        String message = flag + " " + file + ": " + why;
        return new UncheckedIOException(message, cause != null ? cause : new FileSystemException(file.toString(), null, why));
    }
}
