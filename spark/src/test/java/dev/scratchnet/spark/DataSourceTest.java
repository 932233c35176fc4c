package dev.scratchnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.data.Mnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the driver checks of a data source before any job, and the one-line errors it gives. */
class DataSourceTest {
    @TempDir
    Path dir;

    @Test
    void idxDirectoryKnowsItsTrainingRowsFromTheLabelsAlone() throws IOException {
        Blobs.writeIdx(dir, 300, 90);

        assertEquals(300, DataSource.idxDirectory(dir.toString()).getTrainRows());
        assertEquals(300, DataSource.idxDirectory(dir.toUri().toString()).getTrainRows());
    }

    @Test
    void idxDirectoryMissingAFileNamesIt() throws IOException {
        Blobs.writeIdx(dir, 30, 9);
        Files.delete(dir.resolve(Mnist.TEST_IMAGES));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSource.idxDirectory(dir.toString()));

        assertEquals(dir + ": no readable t10k-images-idx3-ubyte.gz or t10k-images-idx3-ubyte; an IDX directory holds "
                + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each "
                + "raw or gzipped", e.getMessage());
    }

    @Test
    void pathsOutsideTheLocalFileSystemAreRefused() {
        IllegalArgumentException hdfs = assertThrows(IllegalArgumentException.class, () -> DataSource.idxDirectory("hdfs://nn/mnist"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DataSource.idxDirectory(dir.resolve("missing").toString()));

        assertEquals("hdfs://nn/mnist: only local paths and file: URIs can be read by executors; copy the files to a "
                + "file system every executor mounts, or broadcast them", hdfs.getMessage());
        assertEquals(dir.resolve("missing") + ": not a readable directory on the driver; give a directory of IDX files that "
                + "every executor can read at the same path", missing.getMessage());
    }

    @Test
    void broadcastNeedsTrainingAndTestSetsOfOneShape() {
        Dataset digits = new Dataset(new double[784], new int[] {0}, 784, 10);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSource.broadcast(Blobs.dataset(30, 1), digits));

        assertEquals("the test set has 784 features and 10 classes, the training set 8 and 3; they must match", e.getMessage());
    }
}
