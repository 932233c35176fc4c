package dev.scratchnet.runtime.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.testing.Fifos;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, Double.MIN_NORMAL,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Math.PI, -1.0 / 3};

    @TempDir
    Path dir;

    @Test
    void roundTripIsBitExactForSignedZerosSubnormalsAndInfinities() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("W1", new Tensor(new int[] {3, 4}, SPECIAL.clone()));
        tensors.put("b1", new Tensor(new int[] {4}, new double[] {1, 2, 3, 4}));
        tensors.put("scalar", new Tensor(new int[0], new double[] {-0.0}));
        tensors.put("empty", new Tensor(new int[] {2, 0}, new double[0]));
        tensors.put("ünïcödé ✓", new Tensor(new int[] {1}, new double[] {Double.MIN_VALUE}));
        Map<String, String> metadata = Map.of("format", "pt", "note", "naïve \"quoted\" \\ ✓");
        Path file = dir.resolve("model.safetensors");

        Safetensors.save(file, tensors, metadata);
        TensorFile loaded = Safetensors.load(file);

        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(loaded.getTensors().keySet()));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor back = loaded.getTensor(e.getKey());
            assertArrayEquals(e.getValue().getShape(), back.getShape(), e.getKey());
            assertArrayEquals(rawBits(e.getValue().getData()), rawBits(back.getData()), e.getKey());
        }
        assertEquals(metadata, loaded.getMetadata());
    }

    @Test
    void fileBytesMatchAnIndependentMinimalReader() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("W1", new Tensor(new int[] {2, 2}, new double[] {1.5, -0.0, 1e-310, Double.NEGATIVE_INFINITY}));
        tensors.put("b1", new Tensor(new int[] {2}, new double[] {7, 8}));
        Path file = dir.resolve("tiny.safetensors");

        Safetensors.save(file, tensors, Map.of("epoch", "3"));

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = bytes.getLong(0);
        assertEquals(0, n % 8, "header length " + n + " is a multiple of 8");
        String header = new String(bytes.array(), 8, (int) n, UTF_8);
        assertTrue(header.matches("\\{.*\\} *"), header);
        assertTrue(header.contains("\"__metadata__\":{\"epoch\":\"3\"}"), header);
        Map<String, long[]> offsets = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\":\\{\"dtype\":\"F64\",\"shape\":\\[([0-9,]*)],\"data_offsets\":\\[(\\d+),(\\d+)]}").matcher(header);
        while (m.find()) {
            offsets.put(m.group(1), new long[] {Long.parseLong(m.group(3)), Long.parseLong(m.group(4))});
            assertEquals(m.group(1).equals("W1") ? "2,2" : "2", m.group(2));
        }
        assertArrayEquals(new long[] {0, 32}, offsets.get("W1"));
        assertArrayEquals(new long[] {32, 48}, offsets.get("b1"));
        assertEquals(8 + n + 48, bytes.capacity());
        int data = (int) (8 + n);
        assertEquals(1.5, bytes.getDouble(data));
        assertEquals(Double.doubleToRawLongBits(-0.0), bytes.getLong(data + 8));
        assertEquals(1e-310, bytes.getDouble(data + 16));
        assertEquals(Double.NEGATIVE_INFINITY, bytes.getDouble(data + 24));
        assertEquals(7.0, bytes.getDouble(data + 32));
        assertEquals(8.0, bytes.getDouble(data + 40));
    }

    @Test
    void oneTensorFileIsExactlyTheHandBuiltBytes() throws IOException {
        Path file = dir.resolve("b.safetensors");

        Safetensors.save(file, Map.of("b", new Tensor(new int[] {2}, new double[] {1.0, -2.5})), Map.of());

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {56, 0, 0, 0, 0, 0, 0, 0});
        expected.writeBytes("{\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}".getBytes(UTF_8)); // 55 bytes
        expected.writeBytes(" ".getBytes(UTF_8)); // padding to 56
        expected.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F}); // 1.0 = 0x3FF0000000000000
        expected.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, 0x04, (byte) 0xC0}); // -2.5 = 0xC004000000000000
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void parametersSavedAndLoadedIntoOthersOfTheSameShape() {
        Parameter w = new Parameter("W1", new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6});
        Parameter b = new Parameter("b1", new int[] {3}, new double[] {-1, 0, 1});
        Path file = dir.resolve("params.safetensors");
        Safetensors.save(file, List.of(w, b), Map.of("network", "TwoLayerNet"));
        Parameter w2 = new Parameter("W1", new int[] {2, 3}, new double[6]);
        Parameter b2 = new Parameter("b1", new int[] {3}, new double[3]);

        Map<String, String> metadata = Safetensors.loadInto(file, List.of(b2, w2));

        assertArrayEquals(w.getValues(), w2.getValues());
        assertArrayEquals(b.getValues(), b2.getValues());
        assertEquals(Map.of("network", "TwoLayerNet"), metadata);
    }

    @Test
    void bytesInMemoryAreExactlyTheFileSaveWritesAndLoadBack() throws IOException {
        Parameter w = new Parameter("W1", new int[] {3, 4}, SPECIAL.clone());
        Parameter b = new Parameter("b1", new int[] {3}, new double[] {-1, 0, 1});
        Path file = dir.resolve("params.safetensors");
        Safetensors.save(file, List.of(w, b), Map.of("network", "TwoLayerNet"));

        byte[] bytes = Safetensors.toBytes(List.of(w, b), Map.of("network", "TwoLayerNet"));

        assertArrayEquals(Files.readAllBytes(file), bytes);
        TensorFile loaded = Safetensors.load("memory", bytes);
        assertArrayEquals(rawBits(w.getValues()), rawBits(loaded.getTensors().get("W1").getData()));
        assertEquals(Map.of("network", "TwoLayerNet"), loaded.getMetadata());
    }

    @Test
    void loadIntoNamesEveryMismatchAndLoadsNothing() {
        Path file = dir.resolve("params.safetensors");
        Safetensors.save(file, List.of(new Parameter("W1", new int[] {2, 3}, new double[6]), new Parameter("b1", new int[] {3}, new double[3]),
                new Parameter("W3", new int[] {1, 1}, new double[] {9})), Map.of());
        Parameter w1 = new Parameter("W1", new int[] {3, 2}, new double[] {1, 1, 1, 1, 1, 1});
        Parameter b1 = new Parameter("b1", new int[] {3}, new double[] {5, 5, 5});
        Parameter w2 = new Parameter("W2", new int[] {3, 1}, new double[3]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.loadInto(file, List.of(w1, b1, w2)));

        assertEquals(file + " does not fit parameters [W1[3, 2], b1[3], W2[3, 1]]: tensor 'W1' has shape [2, 3], parameter W1 expects [3, 2]; "
                + "no tensor 'W2' for parameter W2[3, 1]; unexpected tensor 'W3' [1, 1]: no parameter has that name; nothing was loaded",
                e.getMessage());
        assertArrayEquals(new double[] {5, 5, 5}, b1.getValues());
    }

    @Test
    void failureWhileWritingLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(file, Map.of("old", new Tensor(new int[] {1}, new double[] {42})), Map.of());
        byte[] before = Files.readAllBytes(file);
        Map<String, Tensor> failing = new FailingWhileWriting(() -> listDir().size() == 2);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Safetensors.save(file, failing, Map.of()));

        assertEquals("simulated failure after the first tensor's data, with the temporary file present", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of("model.safetensors"), listDir());
    }

    @Test
    void failedRenameLeavesNoTemporaryFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("model.safetensors"));
        Files.writeString(target.resolve("keep.txt"), "a directory, not a file");

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Safetensors.save(target, Map.of("a", new Tensor(new int[] {1}, new double[] {1})), Map.of()));

        assertTrue(e.getMessage().startsWith(target + ": cannot write: "), e.getMessage());
        assertEquals(List.of("model.safetensors"), listDir());
        assertEquals("a directory, not a file", Files.readString(target.resolve("keep.txt")));
    }

    @Test
    void saveReplacesAnExistingFile() {
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(file, Map.of("a", new Tensor(new int[] {1}, new double[] {1})), Map.of());

        Safetensors.save(file, Map.of("b", new Tensor(new int[] {2}, new double[] {2, 3})), Map.of());

        assertEquals(Map.of("b", new Tensor(new int[] {2}, new double[] {2, 3})), Safetensors.load(file).getTensors());
    }

    @Test
    void tensorCannotTakeTheMetadataKey() {
        Path file = dir.resolve("m.safetensors");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.save(file, Map.of("__metadata__", new Tensor(new int[] {1}, new double[1])), Map.of()));

        assertEquals(file + ": a tensor cannot be named __metadata__, the key of the file's metadata", e.getMessage());
    }

    @Test
    void parametersMustHaveDistinctNames() {
        Path file = dir.resolve("m.safetensors");
        Parameter a = new Parameter("W1", new int[] {1}, new double[1]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.save(file, List.of(a, a), Map.of()));

        assertEquals(file + ": two parameters are named 'W1' in [W1[1], W1[1]]", e.getMessage());
    }

    @Test
    void missingFileIsAnIoErrorNamingIt() {
        Path missing = dir.resolve("missing.safetensors");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Safetensors.load(missing));

        assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertTrue(e.getMessage().startsWith(missing + ": cannot read: "), e.getMessage());
    }

    @Test
    void loadRefusesADirectoryAPipeAndADanglingLinkAsWhatTheyAre() throws Exception {
        Path pipe = Fifos.mkfifo(dir.resolve("pipe.safetensors"));
        Path dangling = Files.createSymbolicLink(dir.resolve("link.safetensors"), dir.resolve("gone.safetensors"));

        UncheckedIOException fifo = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(UncheckedIOException.class, () -> Safetensors.load(pipe)));
        UncheckedIOException directory = assertThrows(UncheckedIOException.class, () -> Safetensors.load(dir));
        UncheckedIOException link = assertThrows(UncheckedIOException.class, () -> Safetensors.load(dangling));

        assertEquals(pipe + ": cannot read: it is a named pipe (FIFO), not a regular file", fifo.getMessage());
        assertEquals(dir + ": cannot read: it is a directory, not a regular file", directory.getMessage());
        assertEquals(dangling + ": cannot read: it is a symbolic link to '" + dir.resolve("gone.safetensors") + "', which does not exist",
                link.getMessage());
    }

    @Test
    void savingToAPathThatNamesNoFileSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.save(Path.of("/"), Map.of("a", new Tensor(new int[] {1}, new double[] {1})), Map.of()));

        assertEquals("/: names no file to write; give a file name, such as /weights.safetensors", e.getMessage());
    }

    @Test
    void savingIntoAMissingDirectoryNamesIt() {
        Path file = dir.resolve("nowhere/model.safetensors");

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Safetensors.save(file, Map.of("a", new Tensor(new int[] {1}, new double[] {1})), Map.of()));

        assertEquals(file + ": cannot write: no such directory " + dir.resolve("nowhere"), e.getMessage());
    }

    @Test
    void theLongestNameTheFileSystemAcceptsSavesWithoutATooLongTemporaryName() {
        // 127 two-byte characters and one more byte: 255 bytes, the most ext4 allows in a name.
        String name = "\u00e9".repeat(127) + "x";
        Path file = dir.resolve(name);

        Safetensors.save(file, Map.of("a", new Tensor(new int[] {1}, new double[] {1})), Map.of());

        assertEquals(List.of(name), listDir());
        assertEquals(1.0, Safetensors.load(file).getTensor("a").getData()[0]);
    }

    @Test
    void theNextSaveDeletesTheTemporaryFilesOfKilledSavesToTheSameTarget() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Files.writeString(dir.resolve(".model.safetensors.3kf9a0x.tmp"), "left by a killed save");
        Files.writeString(dir.resolve(".other.safetensors.3kf9a0x.tmp"), "another target's");
        Files.writeString(dir.resolve(".model.safetensors.notes.txt"), "not a temporary file");
        Path inProgress = dir.resolve(".model.safetensors.b2.tmp");

        try (FileChannel writing = FileChannel.open(inProgress, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writing.lock();
            Safetensors.save(file, Map.of("a", new Tensor(new int[] {1}, new double[] {1})), Map.of());
        }

        assertEquals(List.of(".model.safetensors.b2.tmp", ".model.safetensors.notes.txt", ".other.safetensors.3kf9a0x.tmp",
                "model.safetensors"), listDir());
    }

    @Test
    void readsAFileFromMemoryUnpaddedAsOtherWritersMayProduce() {
        byte[] file = SafetensorsFiles.file("{\"x\":{\"shape\":[1],\"data_offsets\":[0,8],\"dtype\":\"F64\"}}", SafetensorsFiles.doubles(2.5));

        TensorFile loaded = Safetensors.load("memory", file);

        assertEquals(Map.of("x", new Tensor(new int[] {1}, new double[] {2.5})), loaded.getTensors());
        assertEquals(Map.of(), loaded.getMetadata());
        assertEquals("memory", loaded.getName());
    }

    private List<String> listDir() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] rawBits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    /**
     * Two tensors that fail to iterate past the first while a temporary file sits beside the target: a failure in the
     * middle of writing it. (The test fails if the writer never iterates while writing.)
     */
    private static final class FailingWhileWriting extends AbstractMap<String, Tensor> {
        private final BooleanSupplier writing;

        FailingWhileWriting(BooleanSupplier writing) {
            this.writing = writing;
        }

        @Override
        public Set<Entry<String, Tensor>> entrySet() {
            List<Entry<String, Tensor>> entries = List.of(Map.entry("W1", new Tensor(new int[] {2}, new double[] {1, 2})),
                    Map.entry("b1", new Tensor(new int[] {1}, new double[] {3})));
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Tensor>> iterator() {
                    Iterator<Entry<String, Tensor>> it = entries.iterator();
                    return new Iterator<>() {
                        private int handedOut;

                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Entry<String, Tensor> next() {
                            if (handedOut == 1 && writing.getAsBoolean()) {
                                throw new IllegalStateException("simulated failure after the first tensor's data, with the temporary file present");
                            }
                            handedOut++;
                            return it.next();
                        }
                    };
                }

                @Override
                public int size() {
                    return entries.size();
                }
            };
        }
    }
}
