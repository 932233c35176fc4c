package dev.scratchnet.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Says what a path is when it is not a regular file, so that a directory, a named pipe or a dangling link given
 * as an input is reported as what it is rather than as "not found", and is never opened: opening a named pipe
 * waits until another process opens it for writing, which may be never.
 */
public final class RegularFiles {
    /** {@code st_mode}'s file-type bits and the types a regular file is not, as in {@code <sys/stat.h>}. */
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private RegularFiles() {}

    /**
     * Why {@code file} cannot be read as a regular file ({@code "no such file"}, {@code "it is a directory, not a
     * regular file"}, {@code "it is a symbolic link to 'x', which does not exist"}, …), or null when it is one
     * (directly or through links).
     */
    public static @Nullable String whyNotRegular(Path file) {
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return "no such file";
        } catch (IOException e) {
            return "it cannot be examined: " + e;
        }
        if (!own.isSymbolicLink()) {
            return own.isRegularFile() ? null : "it is " + kind(file, own) + ", not a regular file";
        }
        BasicFileAttributes target;
        try {
            target = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return "it is a symbolic link to '" + linkTarget(file) + "', which does not exist";
        } catch (FileSystemException e) {
            return "it is a symbolic link that cannot be followed (" + e.getReason() + ")";
        } catch (IOException e) {
            return "it is a symbolic link that cannot be followed: " + e;
        }
        return target.isRegularFile() ? null
                : "it is a symbolic link to '" + linkTarget(file) + "', which is " + kind(file, target) + ", not a regular file";
    }

    /**
     * Checks that {@code file} is a regular file (directly or through links) before anything opens it.
     *
     * @throws UncheckedIOException {@code "<file>: cannot read: <why>"}, caused by a {@link NoSuchFileException} when
     *         nothing is there
     */
    public static void requireRegular(Path file) {
        String why = whyNotRegular(file);
        if (why != null) {
            String message = file + ": cannot read: " + why;
            IOException cause = why.equals("no such file") ? new NoSuchFileException(file.toString())
                    : new FileSystemException(file.toString(), null, why);
            throw new UncheckedIOException(message, cause);
        }
    }

    private static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        int type;
        try {
            type = (Integer) Files.getAttribute(file, "unix:mode") & TYPE_MASK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "neither a regular file nor a directory";
        }
        switch (type) {
            case FIFO:
                return "a named pipe (FIFO)";
            case CHARACTER_DEVICE:
                return "a character device";
            case BLOCK_DEVICE:
                return "a block device";
            case SOCKET:
                return "a socket";
            default:
                return "neither a regular file nor a directory";
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
