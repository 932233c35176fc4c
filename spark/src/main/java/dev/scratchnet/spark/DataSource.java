package dev.scratchnet.spark;

import dev.scratchnet.runtime.data.Csv;
import dev.scratchnet.runtime.data.CsvFormatException;
import dev.scratchnet.runtime.data.CsvOptions;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.data.IdxFormatException;
import dev.scratchnet.runtime.data.IdxReader;
import dev.scratchnet.runtime.data.Mnist;
import dev.scratchnet.runtime.data.MnistData;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.jspecify.annotations.Nullable;

/**
 * Where a sweep's tasks find the training and test sets: a directory every executor can read, or datasets the driver
 * holds and broadcasts. A new kind of source is one more factory method here and its {@link Loader}.
 *
 * <p>The factories check on the driver what can be checked there, and fail at once with a one-line
 * {@link IllegalArgumentException} naming the path or file, so that bad input never reaches a job.
 */
public abstract class DataSource {
    DataSource() {
    }

    /**
     * The four IDX files of MNIST's layout ({@code train-images-idx3-ubyte}, … each raw or gzipped, verified against
     * a {@code SHA256SUMS} file beside them if there is one) in {@code directory}, a local path or {@code file:} URI
     * that every executor can read at the same place, such as a shared file system. Each executor loads the files
     * once (with {@link Mnist#fromDirectory}) and its tasks share them.
     *
     * <p>Checked now, on the driver: the directory and the four files must be readable there, and the training labels
     * are read (one byte a row, 60 KB for MNIST) to learn how many rows the training set has. Executors that cannot
     * read the directory fail their tasks with the loader's message.
     *
     * @throws IllegalArgumentException naming the directory or file that cannot be read
     */
    public static DataSource idxDirectory(String directory) {
        return new IdxDirectory(directory);
    }

    /**
     * A training and a test CSV file with a class label column ({@link CsvOptions.Builder#label}), local paths or
     * {@code file:} URIs that every executor can read at the same place. Each executor reads them once (with
     * {@link Csv#read}) and its tasks share them.
     *
     * <p>Checked now, on the driver: both files are read, so that a malformed cell fails here with its file, line and
     * column rather than in a task, and the number of classes is fixed from both files (unless the options give it),
     * so that a test file missing a class still matches the training file.
     *
     * @throws IllegalArgumentException naming the file that cannot be read or is malformed, or when the options have
     *         no label column (a sweep trains classifiers)
     */
    public static DataSource csvFiles(String train, String test, CsvOptions options) {
        return new CsvFiles(train, test, options);
    }

    /**
     * {@code train} and {@code test}, held by the driver: a sweep broadcasts them once, and each executor keeps one
     * copy for all its tasks. For data the driver has already loaded, or a path only the driver can read.
     */
    public static DataSource broadcast(Dataset train, Dataset test) {
        return new Broadcasted(train, test);
    }

    /** Rows of the training set, known on the driver before any job runs. */
    public abstract int getTrainRows();

    /**
     * This source's data loaded on the driver, as a source that broadcasts it: for executors that cannot read what
     * the driver can.
     *
     * @throws java.io.UncheckedIOException or {@link IdxFormatException} if the driver cannot load it
     */
    public abstract DataSource toBroadcast();

    /** Makes the data available to tasks (a broadcast, say) and returns what tasks call to load it. */
    abstract Loader ship(JavaSparkContext sc);

    /** What the tasks of a job load their data with; {@link #release()} is called on the driver after the job. */
    interface Loader extends Serializable {
        TrainTestSets load();

        void release();
    }

    /** The training and test sets that a task trains and evaluates on. */
    static final class TrainTestSets {
        private final Dataset train;
        private final Dataset test;

        TrainTestSets(Dataset train, Dataset test) {
            this.train = train;
            this.test = test;
        }

        Dataset getTrain() {
            return train;
        }

        Dataset getTest() {
            return test;
        }
    }

    private static final class IdxDirectory extends DataSource {
        private static final Pattern OTHER_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+://");

        private final String directory;
        private final int trainRows;

        IdxDirectory(String directory) {
            this.directory = directory;
            Path path = path(directory);
            if (!Files.isDirectory(path) || !Files.isReadable(path)) {
                throw new IllegalArgumentException(directory + ": not a readable directory on the driver; give a directory of "
                        + "IDX files that every executor can read at the same path");
            }
            for (String name : new String[] {Mnist.TRAIN_IMAGES, Mnist.TEST_IMAGES, Mnist.TEST_LABELS}) {
                idxFile(path, name);
            }
            Path labels = idxFile(path, Mnist.TRAIN_LABELS);
            try {
                this.trainRows = IdxReader.read(labels).getCount();
            } catch (UncheckedIOException | IdxFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        /** {@code directory} (or a file) as a path of the local file system, which is where the readers read. */
        private static Path path(String directory) {
            if (directory.startsWith("file:")) {
                return Path.of(URI.create(directory));
            }
            if (OTHER_SCHEME.matcher(directory).lookingAt()) {
                throw new IllegalArgumentException(directory + ": only local paths and file: URIs can be read by "
                        + "executors; copy the files to a file system every executor mounts, or broadcast them");
            }
            return Path.of(directory);
        }

        /** The readable file {@code name}.gz, else {@code name}, as {@link Mnist} prefers them. */
        private static Path idxFile(Path directory, String name) {
            for (String candidate : new String[] {name + ".gz", name}) {
                Path file = directory.resolve(candidate);
                if (Files.isRegularFile(file) && Files.isReadable(file)) {
                    return file;
                }
            }
            throw new IllegalArgumentException(directory + ": no readable " + name + ".gz or " + name + "; an IDX directory holds "
                    + Mnist.TRAIN_IMAGES + ", " + Mnist.TRAIN_LABELS + ", " + Mnist.TEST_IMAGES + " and " + Mnist.TEST_LABELS
                    + ", each raw or gzipped");
        }

        @Override
        public int getTrainRows() {
            return trainRows;
        }

        @Override
        public DataSource toBroadcast() {
            TrainTestSets sets = new DirectoryLoader(directory).read();
            return new Broadcasted(sets.getTrain(), sets.getTest());
        }

        @Override
        Loader ship(JavaSparkContext sc) {
            return new DirectoryLoader(directory);
        }

        @Override
        public String toString() {
            return "IDX directory " + directory;
        }
    }

    /**
     * A loader that reads its data once per executor JVM, for all the tasks running there. It holds one data set at a
     * time, whatever its kind: a sweep reads one, and an executor should not hold the data of past sweeps.
     */
    private abstract static class OncePerExecutor implements Loader {
        private static final long serialVersionUID = 1L;
        private static @Nullable String loadedKey;
        private static @Nullable TrainTestSets loaded;

        /** What identifies the data: equal keys read equal data. */
        abstract String key();

        /** Reads the data, on the executor. */
        abstract TrainTestSets read();

        @Override
        public final TrainTestSets load() {
            synchronized (OncePerExecutor.class) {
                if (loaded == null || !key().equals(loadedKey)) {
                    loaded = null;
                    loaded = read();
                    loadedKey = key();
                }
                return loaded;
            }
        }

        @Override
        public final void release() {
            // The executors keep the data for the next sweep of the same source.
        }
    }

    private static final class DirectoryLoader extends OncePerExecutor {
        private static final long serialVersionUID = 1L;

        private final String directory;

        DirectoryLoader(String directory) {
            this.directory = directory;
        }

        @Override
        String key() {
            return "IDX " + directory;
        }

        @Override
        TrainTestSets read() {
            MnistData data = Mnist.fromDirectory(IdxDirectory.path(directory)).load();
            return new TrainTestSets(data.getTrain(), data.getTest());
        }
    }

    private static final class CsvFiles extends DataSource {
        private final CsvLoader loader;
        private final int trainRows;

        CsvFiles(String train, String test, CsvOptions options) {
            String label = options.getLabel();
            if (label == null) {
                throw new IllegalArgumentException("a sweep trains classifiers: give the CSV options a label column");
            }
            int classes = options.getClasses();
            Dataset trainSet = read(train, options).dataset();
            Dataset testSet = read(test, options).dataset();
            if (testSet.getFeatures() != trainSet.getFeatures()) {
                throw new IllegalArgumentException(test + ": " + testSet.getFeatures() + " feature columns, but " + train
                        + " has " + trainSet.getFeatures() + "; name the same feature columns in both");
            }
            if (classes == 0) {
                classes = Math.max(trainSet.getClasses(), testSet.getClasses());
            }
            this.loader = new CsvLoader(train, test, options.hasHeader(), options.getDelimiter(), label,
                    options.getFeatures(), classes);
            this.trainRows = trainSet.getSize();
        }

        private static Csv.Table read(String file, CsvOptions options) {
            try {
                return Csv.read(IdxDirectory.path(file), options);
            } catch (UncheckedIOException | CsvFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public int getTrainRows() {
            return trainRows;
        }

        @Override
        public DataSource toBroadcast() {
            TrainTestSets sets = loader.read();
            return new Broadcasted(sets.getTrain(), sets.getTest());
        }

        @Override
        Loader ship(JavaSparkContext sc) {
            return loader;
        }

        @Override
        public String toString() {
            return "CSV files " + loader.train + " and " + loader.test;
        }
    }

    private static final class CsvLoader extends OncePerExecutor {
        private static final long serialVersionUID = 1L;

        // CsvOptions is not serialisable: the loader carries what builds it again on the executor.
        private final String train;
        private final String test;
        private final boolean header;
        private final char delimiter;
        private final String label;
        private final List<String> features;
        private final int classes;

        CsvLoader(String train, String test, boolean header, char delimiter, String label, List<String> features,
                int classes) {
            this.train = train;
            this.test = test;
            this.header = header;
            this.delimiter = delimiter;
            this.label = label;
            this.features = List.copyOf(features);
            this.classes = classes;
        }

        @Override
        String key() {
            return "CSV " + List.of(train, test, header, delimiter, label, features, classes);
        }

        @Override
        TrainTestSets read() {
            CsvOptions options = CsvOptions.builder().header(header).delimiter(delimiter).label(label)
                    .features(features).classes(classes).build();
            return new TrainTestSets(Csv.read(IdxDirectory.path(train), options).dataset(),
                    Csv.read(IdxDirectory.path(test), options).dataset());
        }
    }

    private static final class Broadcasted extends DataSource {
        private final Dataset train;
        private final Dataset test;

        Broadcasted(Dataset train, Dataset test) {
            if (test.getFeatures() != train.getFeatures() || test.getClasses() != train.getClasses()) {
                throw new IllegalArgumentException("the test set has " + test.getFeatures() + " features and " + test.getClasses()
                        + " classes, the training set " + train.getFeatures() + " and " + train.getClasses() + "; they must match");
            }
            this.train = train;
            this.test = test;
        }

        @Override
        public int getTrainRows() {
            return train.getSize();
        }

        @Override
        public DataSource toBroadcast() {
            return this;
        }

        @Override
        Loader ship(JavaSparkContext sc) {
            return new BroadcastLoader(sc.broadcast(new SharedDatasets(train, test)));
        }

        @Override
        public String toString() {
            return "broadcast of " + train.getSize() + " training and " + test.getSize() + " test rows";
        }
    }

    private static final class BroadcastLoader implements Loader {
        private static final long serialVersionUID = 1L;

        private final Broadcast<SharedDatasets> datasets;

        BroadcastLoader(Broadcast<SharedDatasets> datasets) {
            this.datasets = datasets;
        }

        @Override
        public TrainTestSets load() {
            return datasets.value().get();
        }

        @Override
        public void release() {
            datasets.destroy();
        }
    }
}
