package dev.scratchnet.runtime.data;

import dev.scratchnet.runtime.internal.RegularFiles;
import dev.scratchnet.runtime.io.InsufficientMemoryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Loads MNIST — or any dataset in its layout, such as Fashion-MNIST — from the four IDX files
 * {@value #TRAIN_IMAGES}, {@value #TRAIN_LABELS}, {@value #TEST_IMAGES} and {@value #TEST_LABELS}, each either
 * gzipped (name + {@code .gz}, preferred when both exist) or raw, in a directory or a classpath location.
 *
 * <p>When a {@value #CHECKSUMS} file (the output of {@code sha256sum}, at most {@value #MAX_CHECKSUMS_BYTES} bytes)
 * lies next to them, every file read must have a line there and match it; without one, nothing is verified.
 *
 * <p>Files must be regular files: a directory, a named pipe or a dangling link in their place is reported as what
 * it is. The memory the datasets will take is compared with what the JVM may use, for each file as soon as its data
 * outgrows the reader's first chunk (a double per pixel, an int per label) and for all of them before the datasets are
 * built; files that cannot fit are refused with an {@link InsufficientMemoryException}.
 *
 * <p>The book's {@code load_mnist(normalize=True, flatten=True, one_hot_label=False)} maps to this API as follows:
 * <ul>
 *   <li>{@code normalize}: {@link #load(boolean)}; {@link #load()} normalises, pixel / 255.0 into {@code [0, 1]},
 *       otherwise pixels stay 0…255 (as doubles).
 *   <li>{@code flatten}: always. A {@link Dataset} stores rows of {@code rows × cols} features in one flat array,
 *       and the unflattened {@code N×1×28×28} form only serves the convolutional networks of chapter 7, which
 *       this library does not build; {@link MnistData#getImageRows()} and {@link MnistData#getImageCols()} give
 *       the geometry to index a pixel.
 *   <li>{@code one_hot_label}: not a load option, since both forms are always at hand: labels are
 *       {@link Dataset#getLabels()}, one-hot targets are {@link Dataset#oneHotLabels()}, and every
 *       {@link dev.scratchnet.runtime.Batch} carries both.
 * </ul>
 */
public final class Mnist {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    public static final String CHECKSUMS = "SHA256SUMS";
    /** The largest {@value #CHECKSUMS} read: room for thousands of lines, where MNIST needs four. */
    public static final int MAX_CHECKSUMS_BYTES = 1 << 20;
    /** Digits 0–9: labels must be below this. */
    public static final int CLASSES = 10;

    private static final String IMAGES = "images (IDX magic 0x00000803, 3 dimensions)";
    private static final String LABELS = "labels (IDX magic 0x00000801, 1 dimension)";
    private static final Pattern CHECKSUM_LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");
    private static final double[] RAW_PIXELS = new double[256];
    private static final double[] NORMALIZED_PIXELS = new double[256];

    static {
        for (int i = 0; i < 256; i++) {
            RAW_PIXELS[i] = i;
            NORMALIZED_PIXELS[i] = i / 255.0;
        }
    }

    private final Source source;

    private Mnist(Source source) {
        this.source = source;
    }

    /** The files in {@code directory}. */
    public static Mnist fromDirectory(Path directory) {
        return new Mnist(new Source() {
            @Override
            public @Nullable InputStream open(String fileName) throws IOException {
                if (!Files.isDirectory(directory)) {
                    boolean exists = Files.exists(directory);
                    String why = Files.isRegularFile(directory) ? "it is a regular file, not a directory"
                            : exists ? "it is not a directory" : "no such directory";
                    throw new UncheckedIOException(directory + ": cannot read: " + why,
                            exists ? new NotDirectoryException(directory.toString()) : new NoSuchFileException(directory.toString()));
                }
                Path file = directory.resolve(fileName);
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    return null;
                }
                RegularFiles.requireRegular(file);
                return Files.newInputStream(file);
            }

            @Override
            public String nameOf(String fileName) {
                return directory.resolve(fileName).toString();
            }

            @Override
            public String toString() {
                return "directory " + directory;
            }
        });
    }

    /**
     * The resources in {@code resourceDir}, resolved like {@link Class#getResource}: relative to {@code anchor}'s
     * package, or from the classpath root when it starts with {@code /}.
     */
    public static Mnist fromClasspath(Class<?> anchor, String resourceDir) {
        String dir = resourceDir.startsWith("/")
                ? resourceDir.substring(1)
                : anchor.getPackageName().replace('.', '/') + "/" + resourceDir;
        return fromClasspath(dir, name -> anchor.getResourceAsStream("/" + name));
    }

    /** The resources in {@code resourceDir} of {@code loader}, a path from the classpath root (a leading {@code /} is ignored). */
    public static Mnist fromClasspath(ClassLoader loader, String resourceDir) {
        String dir = resourceDir.startsWith("/") ? resourceDir.substring(1) : resourceDir;
        return fromClasspath(dir, loader::getResourceAsStream);
    }

    private static Mnist fromClasspath(String dir, Function<String, @Nullable InputStream> opener) {
        String prefix = dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
        return new Mnist(new Source() {
            @Override
            public @Nullable InputStream open(String fileName) {
                return opener.apply(prefix + fileName);
            }

            @Override
            public String nameOf(String fileName) {
                return "classpath:" + prefix + fileName;
            }

            @Override
            public String toString() {
                return "classpath location " + prefix;
            }
        });
    }

    /** Loads training and test sets with pixels normalised into {@code [0, 1]}. */
    public MnistData load() {
        return load(true);
    }

    /**
     * Loads training and test sets; pixels are divided by 255 when {@code normalize} is set, else kept as 0…255.
     *
     * @throws IdxFormatException          if a file is malformed, fails its checksum, or the files do not fit together
     * @throws InsufficientMemoryException if a file, or the datasets, need more memory than the JVM may use
     * @throws UncheckedIOException        if a file is missing, cannot be read, or is not a regular file
     */
    public MnistData load(boolean normalize) {
        @Nullable Map<String, String> sums = readChecksums();
        IdxFile trainImages = read(TRAIN_IMAGES, 3, sums);
        IdxFile trainLabels = read(TRAIN_LABELS, 1, sums);
        IdxFile testImages = read(TEST_IMAGES, 3, sums);
        IdxFile testLabels = read(TEST_LABELS, 1, sums);
        int[] shape = trainImages.getDimensions();
        int[] testShape = testImages.getDimensions();
        if (shape[1] != testShape[1] || shape[2] != testShape[2]) {
            throw new IdxFormatException(testImages.getName() + ": images are " + testShape[1] + "×" + testShape[2] + " pixels, but "
                    + trainImages.getName() + " has " + shape[1] + "×" + shape[2] + "; training and test images must have one size");
        }
        requireSameCount(trainImages, trainLabels);
        requireSameCount(testImages, testLabels);
        requireMemory(trainImages, testImages, List.of(trainImages, trainLabels, testImages, testLabels));
        double[] pixels = normalize ? NORMALIZED_PIXELS : RAW_PIXELS;
        return new MnistData(dataset(trainImages, trainLabels, pixels), dataset(testImages, testLabels, pixels), shape[1], shape[2],
                normalize);
    }

    private static void requireSameCount(IdxFile images, IdxFile labels) {
        if (images.getCount() != labels.getCount()) {
            throw new IdxFormatException(images.getName() + " has " + images.getCount() + " images, but " + labels.getName()
                    + " has " + labels.getCount() + " labels; the two files must belong together");
        }
    }

    /**
     * Refuses, before allocating them, datasets that cannot fit beside the files' bytes (held until they are built):
     * each pixel becomes a double, each non-zero pixel is also listed with its position (a double and an int, see
     * {@link Dataset}), and each label and row start is an int.
     */
    private static void requireMemory(IdxFile trainImages, IdxFile testImages, List<IdxFile> files) {
        long bytes = 0;
        for (IdxFile file : files) {
            byte[] data = file.getData();
            bytes += data.length;
            if (file.getDimensions().length == 3) {
                long nonZeros = 0;
                for (byte b : data) {
                    nonZeros += b == 0 ? 0 : 1;
                }
                bytes += 8L * data.length + 12L * nonZeros + 4L * (file.getCount() + 1);
            } else {
                bytes += 4L * file.getCount();
            }
        }
        int[] shape = trainImages.getDimensions();
        InsufficientMemoryException.requireAvailable(trainImages.getName() + " and " + testImages.getName(),
                "the datasets of their " + trainImages.getCount() + " + " + testImages.getCount() + " images of " + shape[1] + "×"
                        + shape[2] + " pixels (as doubles)", bytes);
    }

    private static Dataset dataset(IdxFile images, IdxFile labels, double[] pixels) {
        byte[] bytes = images.getData();
        double[] x = new double[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            x[i] = pixels[bytes[i] & 0xFF];
        }
        byte[] labelBytes = labels.getData();
        int[] y = new int[labelBytes.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labelBytes[i] & 0xFF;
            if (y[i] >= CLASSES) {
                throw new IdxFormatException(labels.getName() + ": label " + y[i] + " at index " + i + " is not a digit 0–9");
            }
        }
        return new Dataset(x, y, images.getItemSize(), CLASSES);
    }

    /**
     * Reads a file that must hold {@code rank} dimensions: 3 for {@link #IMAGES}, whose pixels become doubles, 1 for
     * {@link #LABELS}, which become ints.
     */
    private IdxFile read(String baseName, int rank, @Nullable Map<String, String> sums) {
        IdxFile file = readGzippedOrRaw(baseName, rank == 3 ? Double.BYTES : Integer.BYTES, sums);
        if (file.getDimensions().length != rank) {
            throw new IdxFormatException(file.getName() + ": expected " + (rank == 3 ? IMAGES : LABELS) + ", found "
                    + (rank == 3 ? LABELS : IMAGES) + " " + Arrays.toString(file.getDimensions()));
        }
        return file;
    }

    /**
     * Reads {@code baseName.gz} or else {@code baseName}, verifying its sum when {@code sums} is given; each data byte
     * will be kept as a number of {@code bytesPerValue} bytes.
     */
    private IdxFile readGzippedOrRaw(String baseName, int bytesPerValue, @Nullable Map<String, String> sums) {
        for (String fileName : new String[] {baseName + ".gz", baseName}) {
            try (InputStream in = source.open(fileName)) {
                if (in != null) {
                    return sums == null ? IdxReader.read(source.nameOf(fileName), in, bytesPerValue)
                            : readVerified(fileName, in, bytesPerValue, sums);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(source.nameOf(fileName) + ": cannot read: " + e, e);
            }
        }
        String message = source + ": neither " + baseName + ".gz nor " + baseName + " found; expected the MNIST files "
                + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS + " (each gzipped or raw)";
        throw new UncheckedIOException(message, new NoSuchFileException(source.nameOf(baseName + ".gz"), null, message));
    }

    /**
     * Reads the file while hashing it. A checksum mismatch is reported in preference to any format error it caused:
     * the mismatch names the real problem, a corrupt or substituted file.
     */
    private IdxFile readVerified(String fileName, InputStream in, int bytesPerValue, Map<String, String> sums) throws IOException {
        String name = source.nameOf(fileName);
        String expected = sums.get(fileName);
        if (expected == null) {
            throw new IdxFormatException(name + ": " + CHECKSUMS + " has no line for " + fileName + "; add its sum (sha256sum "
                    + fileName + " >> " + CHECKSUMS + ") or delete " + CHECKSUMS + " to skip verification");
        }
        DigestInputStream hashing = new DigestInputStream(in, sha256());
        IdxFile file;
        try {
            file = IdxReader.read(name, hashing, bytesPerValue);
        } catch (IdxFormatException e) {
            hashing.transferTo(OutputStream.nullOutputStream());
            checkSum(name, expected, hashing, e);
            throw e;
        }
        hashing.transferTo(OutputStream.nullOutputStream());
        checkSum(name, expected, hashing, null);
        return file;
    }

    private static void checkSum(String name, String expected, DigestInputStream hashing, @Nullable Throwable cause) {
        String actual = HexFormat.of().formatHex(hashing.getMessageDigest().digest());
        if (!actual.equals(expected)) {
            throw new IdxFormatException(name + ": SHA-256 is " + actual + ", but " + CHECKSUMS + " expects " + expected
                    + "; the file is damaged or not the one listed: download it again", cause);
        }
    }

    /** File name → lower-case hex SHA-256, or null when there is no {@value #CHECKSUMS}. */
    private @Nullable Map<String, String> readChecksums() {
        byte[] bytes;
        try (InputStream in = source.open(CHECKSUMS)) {
            if (in == null) {
                return null;
            }
            bytes = in.readNBytes(MAX_CHECKSUMS_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(source.nameOf(CHECKSUMS) + ": cannot read: " + e, e);
        }
        if (bytes.length > MAX_CHECKSUMS_BYTES) {
            throw new IdxFormatException(source.nameOf(CHECKSUMS) + ": more than " + MAX_CHECKSUMS_BYTES + " bytes; sha256sum writes "
                    + "one line of about 90 bytes per file, and the MNIST files are four: this is not a list of their sums");
        }
        Map<String, String> sums = new HashMap<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher m = CHECKSUM_LINE.matcher(lines[i]);
            if (!m.matches()) {
                String line = lines[i].length() > 100 ? lines[i].substring(0, 100) + "…" : lines[i];
                throw new IdxFormatException(source.nameOf(CHECKSUMS) + ": line " + (i + 1) + " is not '<64 hex digits>  <file name>' as "
                        + "sha256sum writes it: '" + line + "'");
            }
            String sum = m.group(1).toLowerCase(Locale.ROOT);
            String previous = sums.put(m.group(2), sum);
            if (previous != null && !previous.equals(sum)) {
                throw new IdxFormatException(source.nameOf(CHECKSUMS) + ": line " + (i + 1) + " gives " + m.group(2)
                        + " a second, different sum; keep only the right one");
            }
        }
        return sums;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Where the files come from. */
    private interface Source {
        /** The file's contents, or null when there is no such file. */
        @Nullable InputStream open(String fileName) throws IOException;

        /** The file's path or classpath name, for messages. */
        String nameOf(String fileName);
    }
}
