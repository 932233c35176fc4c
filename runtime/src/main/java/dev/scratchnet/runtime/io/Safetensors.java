package dev.scratchnet.runtime.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.internal.RegularFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes <a href="https://huggingface.co/docs/safetensors">safetensors</a> files of {@code F64} tensors:
 * an 8-byte little-endian header length {@code N}; {@code N} bytes of UTF-8 JSON, padded with spaces to a multiple
 * of 8, mapping each tensor name to {@code {"dtype":"F64","shape":[…],"data_offsets":[begin,end]}} plus an optional
 * {@code "__metadata__"} object of strings; then the tensors' little-endian data, offsets counted from the start of
 * that data section, contiguous and in the order written.
 *
 * <p>Writes are atomic: the file is written to a temporary file in the same directory, forced to disk and moved over
 * the target in one step, so a failed save leaves any previous file intact and no temporary file behind. A save
 * killed outright (power loss, SIGKILL) leaves its temporary file; the next save to the same target deletes it.
 * Temporary names are {@code .<target>.<random>.tmp}, the target's name shortened when needed so that any name the
 * file system accepts for the target also fits the temporary file.
 *
 * <p>Reads open regular files only (a named pipe would wait for a writer), validate the whole header before
 * allocating tensor data, and refuse a file that needs more memory than the JVM may use
 * ({@link InsufficientMemoryException}), so memory stays bounded by the file's size and the heap; every defect of
 * the content is a {@link SafetensorsFormatException} naming the file.
 */
public final class Safetensors {
    /** The largest header accepted, as in the reference implementation: 100 MB. */
    public static final long MAX_HEADER_BYTES = 100_000_000;
    /** The one dtype supported: IEEE 754 64-bit floats, Java's {@code double}. */
    public static final String F64 = "F64";

    private static final String METADATA = "__metadata__";
    private static final int CHUNK = 1 << 16;
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;
    /** The longest file name, in UTF-8 bytes, that common file systems (ext4, XFS, APFS, NTFS) accept. */
    private static final int MAX_NAME_BYTES = 255;
    /** The random part of a temporary file's name: an unsigned long in base 36. */
    private static final Pattern TEMP_RANDOM = Pattern.compile("[0-9a-z]{1,13}");
    private static final String TEMP_SUFFIX = ".tmp";

    private Safetensors() {
    }

    /**
     * Saves {@code tensors} in iteration order, with {@code metadata} as {@code __metadata__} (omitted when empty).
     * Neither map may change while saving.
     *
     * @throws IllegalArgumentException if a tensor is named {@code __metadata__}, or {@code file} names no file
     *         (such as {@code /})
     * @throws UncheckedIOException     if the file cannot be written; any previous file is then unchanged
     */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        if (tensors.containsKey(METADATA)) {
            throw new IllegalArgumentException(file + ": a tensor cannot be named " + METADATA + ", the key of the file's metadata");
        }
        byte[] header = header(file.toString(), tensors, metadata);
        writeAtomically(file, channel -> write(channel, header, tensors));
    }

    /**
     * Saves the current values of {@code parameters}, each as a tensor of its name and shape ({@code W1, b1, …}).
     *
     * @throws IllegalArgumentException if two parameters share a name
     * @throws UncheckedIOException     if the file cannot be written; any previous file is then unchanged
     */
    public static void save(Path file, List<Parameter> parameters, Map<String, String> metadata) {
        save(file, tensors(file.toString(), parameters), metadata);
    }

    /**
     * The bytes {@link #save(Path, List, Map)} would write: for weights that travel or are stored elsewhere than in a
     * file (a Spark task's result, say). {@link #load(String, byte[])} reads them back.
     *
     * @throws IllegalArgumentException if two parameters share a name, or the file would exceed 2 GB
     */
    public static byte[] toBytes(List<Parameter> parameters, Map<String, String> metadata) {
        String name = "safetensors bytes";
        Map<String, Tensor> tensors = tensors(name, parameters);
        byte[] header = header(name, tensors, metadata);
        long size = 8L + header.length;
        for (Tensor t : tensors.values()) {
            size += 8L * t.getSize();
        }
        if (size > MAX_VALUES) {
            throw new IllegalArgumentException(name + ": " + size + " bytes do not fit a Java array; save to a file instead");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        try {
            write(Channels.newChannel(out), header, tensors);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory does not fail", e);
        }
        return out.toByteArray();
    }

    /** Each parameter as a tensor of its name and shape, in order. */
    private static Map<String, Tensor> tensors(String name, List<Parameter> parameters) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (tensors.put(p.getName(), new Tensor(p.getShape(), p.getValues())) != null) {
                throw new IllegalArgumentException(name + ": two parameters are named '" + p.getName() + "' in " + parameters);
            }
        }
        return tensors;
    }

    /**
     * Reads {@code file}.
     *
     * @throws SafetensorsFormatException   if the content is not a valid safetensors file of F64 tensors
     * @throws InsufficientMemoryException  if its tensors need more memory than the JVM may use
     * @throws UncheckedIOException         if the file cannot be read, or is not a regular file (a directory, a
     *         named pipe …), naming what it is
     */
    public static TensorFile load(Path file) {
        RegularFiles.requireRegular(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file.toString(), new Source() {
                @Override
                public long size() throws IOException {
                    return channel.size();
                }

                @Override
                public void read(long position, ByteBuffer target) throws IOException {
                    long at = position;
                    while (target.hasRemaining()) {
                        int n = channel.read(target, at);
                        if (n < 0) {
                            throw new IOException("file shrank while being read");
                        }
                        at += n;
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
    }

    /**
     * Reads a safetensors file held in memory (a classpath resource, say); {@code name} is used in messages.
     *
     * @throws SafetensorsFormatException  if the content is not a valid safetensors file of F64 tensors
     * @throws InsufficientMemoryException if its tensors need more memory than the JVM may use
     */
    public static TensorFile load(String name, byte[] contents) {
        ByteBuffer all = ByteBuffer.wrap(contents).asReadOnlyBuffer();
        try {
            return read(name, new Source() {
                @Override
                public long size() {
                    return contents.length;
                }

                @Override
                public void read(long position, ByteBuffer target) {
                    target.put(all.duplicate().position((int) position).limit((int) position + target.remaining()));
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory does not fail", e);
        }
    }

    /**
     * Loads {@code file} into {@code parameters}: every parameter must have a tensor of its name and shape, and every
     * tensor a parameter. Nothing is copied unless all fit. Returns the file's metadata.
     *
     * @throws IllegalArgumentException   if tensors and parameters do not match, naming each difference, or a value
     *         is not finite
     * @throws SafetensorsFormatException if the file is not a valid safetensors file of F64 tensors
     * @throws UncheckedIOException       if the file cannot be read
     */
    public static Map<String, String> loadInto(Path file, List<Parameter> parameters) {
        TensorFile contents = load(file);
        copyInto(parameters, parameterValues(file, contents, parameters, name -> false));
        return contents.getMetadata();
    }

    /**
     * The tensor of each parameter, checked for presence, shape and finite values; tensors matching no parameter
     * are errors unless {@code ignored} accepts their names.
     *
     * @throws IllegalArgumentException listing every missing, misshapen or unexpected tensor, or naming the first
     *         value that is not finite
     */
    static Map<String, double[]> parameterValues(Path file, TensorFile contents, List<Parameter> parameters,
            Predicate<String> ignored) {
        Map<String, Tensor> tensors = contents.getTensors();
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, double[]> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            names.add(p.getName());
            Tensor t = tensors.get(p.getName());
            if (t == null) {
                problems.add("no tensor '" + p.getName() + "' for parameter " + p);
            } else if (!Arrays.equals(t.getShape(), p.getShape())) {
                problems.add("tensor '" + p.getName() + "' has shape " + Arrays.toString(t.getShape()) + ", parameter " + p.getName()
                        + " expects " + Arrays.toString(p.getShape()));
            } else {
                values.put(p.getName(), t.getData());
            }
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (!names.contains(e.getKey()) && !ignored.test(e.getKey())) {
                problems.add("unexpected tensor '" + e.getKey() + "' " + Arrays.toString(e.getValue().getShape())
                        + ": no parameter has that name");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + " does not fit parameters " + parameters + ": " + String.join("; ", problems)
                    + "; nothing was loaded");
        }
        values.forEach((name, v) -> requireValues(file, name, v, Double::isFinite,
                "weights must be finite: the file is damaged or was saved from a run that diverged; nothing was loaded"));
        return values;
    }

    /** Throws, naming the file and the tensor, at the first of {@code values} that {@code allowed} refuses. */
    static void requireValues(Path file, String tensor, double[] values, DoublePredicate allowed, String rule) {
        for (int i = 0; i < values.length; i++) {
            if (!allowed.test(values[i])) {
                throw new IllegalArgumentException(file + ": tensor '" + tensor + "' holds " + values[i] + " at index " + i + "; " + rule);
            }
        }
    }

    /** Copies checked values (from {@link #parameterValues}) into the parameters' arrays. */
    static void copyInto(List<Parameter> parameters, Map<String, double[]> values) {
        for (Parameter p : parameters) {
            double[] v = values.get(p.getName());
            System.arraycopy(v, 0, p.getValues(), 0, v.length);
        }
    }

    private static byte[] header(String file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            if (!metadata.isEmpty()) {
                json.name(METADATA).beginObject();
                for (Map.Entry<String, String> e : metadata.entrySet()) {
                    json.name(e.getKey()).value(e.getValue());
                }
                json.endObject();
            }
            long offset = 0;
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                json.name(e.getKey()).beginObject().name("dtype").value(F64).name("shape").beginArray();
                for (int d : e.getValue().getShape()) {
                    json.value(d);
                }
                long end = offset + 8L * e.getValue().getSize();
                json.endArray().name("data_offsets").beginArray().value(offset).value(end).endArray().endObject();
                offset = end;
            }
            json.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter does not fail", e);
        }
        byte[] json;
        try {
            ByteBuffer encoded = UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text.getBuffer()));
            json = Arrays.copyOf(encoded.array(), encoded.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": tensor names and metadata must be valid Unicode (no unpaired surrogates): " + e, e);
        }
        if (json.length > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException(file + ": the header would take " + json.length + " bytes, more than the " + MAX_HEADER_BYTES
                    + " readers accept; use shorter names or less metadata");
        }
        // Padding to a multiple of 8 aligns the data section, so readers may map the doubles in place.
        byte[] header = Arrays.copyOf(json, (json.length + 7) & ~7);
        Arrays.fill(header, json.length, header.length, (byte) ' ');
        return header;
    }

    /** The whole file: header length, header, then each tensor's data. */
    private static void write(WritableByteChannel channel, byte[] header, Map<String, Tensor> tensors) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        writeFully(channel, buffer.putLong(0, header.length).limit(8));
        writeFully(channel, ByteBuffer.wrap(header));
        for (Tensor t : tensors.values()) {
            writeDoubles(channel, t.getData(), buffer);
        }
    }

    private static void writeDoubles(WritableByteChannel channel, double[] values, ByteBuffer buffer) throws IOException {
        int perChunk = buffer.capacity() / 8;
        for (int from = 0; from < values.length; from += perChunk) {
            int n = Math.min(perChunk, values.length - from);
            buffer.clear();
            buffer.asDoubleBuffer().put(values, from, n);
            writeFully(channel, buffer.limit(8 * n));
        }
    }

    private static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private static void writeAtomically(Path file, Content content) {
        Path target = file.toAbsolutePath();
        Path name = target.getFileName();
        Path directory = target.getParent();
        if (name == null || directory == null) {
            throw new IllegalArgumentException(file + ": names no file to write; give a file name, such as "
                    + target.resolve("weights.safetensors"));
        }
        if (!Files.isDirectory(directory)) {
            throw new UncheckedIOException(file + ": cannot write: " + (Files.exists(directory) ? directory + " is not a directory"
                    : "no such directory " + directory), new NoSuchFileException(directory.toString()));
        }
        String prefix = tempPrefix(name.toString());
        deleteAbandoned(directory, prefix);
        Path temp = directory.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                lockIfPossible(channel);
                content.writeTo(channel);
                channel.force(true);
                // Moved while still locked, so that no other save takes it for abandoned between unlocking and moving.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteAfterFailure(temp, e);
            throw new UncheckedIOException(file + ": cannot write: " + e, e);
        } catch (RuntimeException | Error e) {
            deleteAfterFailure(temp, e);
            throw e;
        }
        syncDirectory(directory);
    }

    /**
     * {@code .<name>.}, with {@code name} cut (at a character boundary) so that the prefix, the random part and
     * {@code .tmp} fit in {@value #MAX_NAME_BYTES} bytes: a target name the file system accepts must not fail
     * the save through its temporary file's name.
     */
    private static String tempPrefix(String name) {
        int room = MAX_NAME_BYTES - ".".length() - ".".length() - 13 - TEMP_SUFFIX.length();
        int end = name.length();
        while (name.substring(0, end).getBytes(UTF_8).length > room) {
            end = name.offsetByCodePoints(end, -1);
        }
        return "." + name.substring(0, end) + ".";
    }

    /**
     * A save holds a lock on its temporary file until it is moved, and the system drops a process's locks when it
     * dies: so a temporary file of this target that can be locked was left by a save that was killed.
     */
    private static void lockIfPossible(FileChannel channel) {
        try {
            channel.lock();
        } catch (IOException e) {
            // A file system without locks: later saves cannot lock this file either, so they leave it alone.
        }
    }

    /** Deletes the temporary files of earlier saves to the same target that were killed (see {@link #lockIfPossible}). */
    private static void deleteAbandoned(Path directory, String prefix) {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, p -> isTemp(p.getFileName().toString(), prefix)
                && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path temp : temps) {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    if (channel.tryLock() != null) {
                        Files.delete(temp);
                    }
                } catch (OverlappingFileLockException | IOException e) {
                    // Locked by a save in this JVM, gone already, or not ours to open: not abandoned, or not ours to delete.
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Cleaning up is a courtesy; if the directory cannot be listed, the save itself says why it fails.
        }
    }

    private static boolean isTemp(String fileName, String prefix) {
        return fileName.startsWith(prefix) && fileName.endsWith(TEMP_SUFFIX)
                && TEMP_RANDOM.matcher(fileName.substring(prefix.length(), fileName.length() - TEMP_SUFFIX.length())).matches();
    }

    private static void deleteAfterFailure(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Makes the rename durable. Some platforms (Windows) cannot open a directory; the move is still atomic there. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Durability of the directory entry is best effort: the data itself was forced before the move.
        }
    }

    /** Random access to the file's bytes. */
    private interface Source {
        long size() throws IOException;

        /** Fills {@code target} from {@code position}; the range lies within {@link #size()}. */
        void read(long position, ByteBuffer target) throws IOException;
    }

    private record Entry(String name, int[] shape, long begin, long end) {
        String range() {
            return "[" + begin + ", " + end + ")";
        }
    }

    private static TensorFile read(String name, Source source) throws IOException {
        long size = source.size();
        if (size < 8) {
            throw new SafetensorsFormatException(name + ": too short for a safetensors file: " + size
                    + " bytes, the header length alone takes 8");
        }
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        source.read(0, length);
        long n = length.getLong(0);
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new SafetensorsFormatException(name + ": header length " + Long.toUnsignedString(n) + " is more than the "
                    + MAX_HEADER_BYTES + " bytes allowed; this is not a safetensors file, or a damaged one");
        }
        if (n > size - 8) {
            throw new SafetensorsFormatException(name + ": header length " + n + " runs past the end of the file: only " + (size - 8)
                    + " bytes follow it");
        }
        // The tensors take as many bytes as their data, the header its bytes and up to two per character once decoded.
        InsufficientMemoryException.requireAvailable(name, "loading its " + n + "-byte header and " + (size - 8 - n)
                + " bytes of tensor data", size - 8 + 2 * n);
        byte[] headerBytes = new byte[(int) n];
        source.read(8, ByteBuffer.wrap(headerBytes));
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = parseHeader(name, headerBytes, metadata);
        checkLayout(name, entries, size - 8 - n);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            tensors.put(e.name(), new Tensor(e.shape(), readDoubles(source, 8 + n + e.begin(), (int) ((e.end() - e.begin()) / 8))));
        }
        return new TensorFile(name, Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static double[] readDoubles(Source source, long position, int count) throws IOException {
        double[] values = new double[count];
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(CHUNK, 8 * count)).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = buffer.capacity() / 8;
        for (int from = 0; from < count; from += perChunk) {
            int k = Math.min(perChunk, count - from);
            buffer.clear().limit(8 * k);
            source.read(position + 8L * from, buffer);
            buffer.flip();
            buffer.asDoubleBuffer().get(values, from, k);
        }
        return values;
    }

    /** Sorts {@code entries} into data order and checks that they tile the data section exactly. */
    private static void checkLayout(String name, List<Entry> entries, long dataLength) {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        @Nullable Entry previous = null;
        for (Entry e : entries) {
            String tensor = name + ": tensor '" + e.name() + "'";
            if (e.end() < e.begin()) {
                throw new SafetensorsFormatException(tensor + " has data_offsets " + e.range() + " that end before they begin");
            }
            if (e.end() > dataLength) {
                throw new SafetensorsFormatException(tensor + " has data_offsets " + e.range() + " beyond the data section of "
                        + dataLength + " bytes");
            }
            long values = 1;
            for (int d : e.shape()) {
                // Capped so that the product of dimensions below 2^31 cannot overflow; anything above the cap is refused.
                values = Math.min(values * d, Integer.MAX_VALUE);
            }
            if (values > MAX_VALUES) {
                throw new SafetensorsFormatException(tensor + " has shape " + Arrays.toString(e.shape())
                        + ", more values than a Java array holds");
            }
            if (8 * values != e.end() - e.begin()) {
                throw new SafetensorsFormatException(tensor + " has shape " + Arrays.toString(e.shape()) + " = " + values
                        + " values, but its data_offsets " + e.range() + " span " + (e.end() - e.begin()) + " bytes, not " + 8 * values);
            }
            if (previous != null && e.begin() < expected) {
                throw new SafetensorsFormatException(name + ": tensors '" + previous.name() + "' " + previous.range() + " and '" + e.name()
                        + "' " + e.range() + " overlap");
            }
            if (e.begin() > expected) {
                throw new SafetensorsFormatException(name + ": " + (e.begin() - expected) + " unused bytes before tensor '" + e.name()
                        + "' " + e.range() + "; data_offsets must be contiguous from 0");
            }
            expected = e.end();
            previous = e;
        }
        if (expected < dataLength) {
            throw new SafetensorsFormatException(name + ": trailing data: " + (dataLength - expected) + " bytes after the "
                    + (entries.isEmpty() ? "header, which declares no tensors" : "last tensor's data"));
        }
    }

    private static List<Entry> parseHeader(String name, byte[] bytes, Map<String, String> metadata) {
        String text;
        try {
            text = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsFormatException(name + ": header is not valid UTF-8", e);
        }
        JsonReader json = new JsonReader(new StringReader(text));
        json.setStrictness(Strictness.STRICT);
        List<Entry> entries = new ArrayList<>();
        try {
            expect(name, json, JsonToken.BEGIN_OBJECT, "the header");
            json.beginObject();
            Set<String> seen = new HashSet<>();
            while (json.hasNext()) {
                String key = json.nextName();
                if (!seen.add(key)) {
                    throw new SafetensorsFormatException(name + ": header names '" + key + "' twice");
                }
                if (key.equals(METADATA)) {
                    readMetadata(name, json, metadata);
                } else {
                    entries.add(readEntry(name, key, json));
                }
            }
            json.endObject();
            // Strict mode allows only whitespace (the padding) after the top-level value: anything else fails here.
            json.peek();
        } catch (IOException | IllegalStateException e) {
            String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
            throw new SafetensorsFormatException(name + ": header is not valid JSON: " + detail, e);
        }
        return entries;
    }

    private static void readMetadata(String name, JsonReader json, Map<String, String> metadata) throws IOException {
        expect(name, json, JsonToken.BEGIN_OBJECT, "'" + METADATA + "'");
        json.beginObject();
        while (json.hasNext()) {
            String key = json.nextName();
            expect(name, json, JsonToken.STRING, "'" + METADATA + "' value '" + key + "'");
            if (metadata.put(key, json.nextString()) != null) {
                throw new SafetensorsFormatException(name + ": '" + METADATA + "' names '" + key + "' twice");
            }
        }
        json.endObject();
    }

    private static Entry readEntry(String name, String tensor, JsonReader json) throws IOException {
        String what = "tensor '" + tensor + "'";
        expect(name, json, JsonToken.BEGIN_OBJECT, what);
        json.beginObject();
        @Nullable String dtype = null;
        long @Nullable [] shape = null;
        long @Nullable [] offsets = null;
        while (json.hasNext()) {
            String key = json.nextName();
            boolean repeated;
            switch (key) {
                case "dtype":
                    expect(name, json, JsonToken.STRING, what + " dtype");
                    repeated = dtype != null;
                    dtype = json.nextString();
                    break;
                case "shape":
                    repeated = shape != null;
                    shape = readNaturals(name, json, what + " shape", Integer.MAX_VALUE);
                    break;
                case "data_offsets":
                    repeated = offsets != null;
                    offsets = readNaturals(name, json, what + " data_offsets", Long.MAX_VALUE);
                    break;
                default:
                    throw new SafetensorsFormatException(name + ": " + what + " has an unexpected key '" + key
                            + "'; an entry has exactly dtype, shape and data_offsets");
            }
            if (repeated) {
                throw new SafetensorsFormatException(name + ": " + what + " names '" + key + "' twice");
            }
        }
        json.endObject();
        if (dtype == null || shape == null || offsets == null) {
            String missing = dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets";
            throw new SafetensorsFormatException(name + ": " + what + " has no " + missing + "; an entry has exactly dtype, shape and data_offsets");
        }
        if (!dtype.equals(F64)) {
            throw new SafetensorsFormatException(name + ": " + what + " has dtype " + dtype + "; only " + F64
                    + " (64-bit float) is supported, the type this library saves parameters in");
        }
        if (offsets.length != 2) {
            throw new SafetensorsFormatException(name + ": " + what + " has " + offsets.length + " data_offsets; expected 2, [begin, end]");
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape[i];
        }
        return new Entry(tensor, dims, offsets[0], offsets[1]);
    }

    /** An array of integers in {@code [0, max]}, written as plain integer literals. */
    private static long[] readNaturals(String name, JsonReader json, String what, long max) throws IOException {
        expect(name, json, JsonToken.BEGIN_ARRAY, what);
        json.beginArray();
        long[] values = new long[4];
        int n = 0;
        while (json.hasNext()) {
            expect(name, json, JsonToken.NUMBER, what + " element " + n);
            String literal = json.nextString();
            long value;
            try {
                value = Long.parseLong(literal);
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value < 0 || value > max) {
                throw new SafetensorsFormatException(name + ": " + what + " holds " + literal + "; expected an integer from 0 to " + max);
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n++] = value;
        }
        json.endArray();
        return Arrays.copyOf(values, n);
    }

    private static void expect(String name, JsonReader json, JsonToken token, String what) throws IOException {
        JsonToken actual = json.peek();
        if (actual != token) {
            throw new SafetensorsFormatException(name + ": " + what + " should be " + describe(token) + " but is " + describe(actual));
        }
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case BEGIN_OBJECT:
                return "a JSON object";
            case BEGIN_ARRAY:
                return "a JSON array";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return token.toString();
        }
    }
}
