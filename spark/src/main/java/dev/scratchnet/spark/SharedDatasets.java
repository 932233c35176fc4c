package dev.scratchnet.spark;

import dev.scratchnet.runtime.data.Dataset;
import java.io.Serial;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * The value of a dataset broadcast: the driver's training and test sets as their arrays, which either of Spark's
 * serializers writes. An executor rebuilds the datasets (with their lists of non-zeros) once, for all its tasks; in
 * local mode the tasks use the driver's own datasets.
 */
final class SharedDatasets implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final double[] trainX;
    private final int[] trainLabels;
    private final double[] testX;
    private final int[] testLabels;
    private final int features;
    private final int classes;
    private transient DataSource.@Nullable TrainTestSets sets;

    SharedDatasets(Dataset train, Dataset test) {
        this.trainX = train.getX();
        this.trainLabels = train.getLabels();
        this.testX = test.getX();
        this.testLabels = test.getLabels();
        this.features = train.getFeatures();
        this.classes = train.getClasses();
        this.sets = new DataSource.TrainTestSets(train, test);
    }

    synchronized DataSource.TrainTestSets get() {
        if (sets == null) {
            sets = new DataSource.TrainTestSets(new Dataset(trainX, trainLabels, features, classes),
                    new Dataset(testX, testLabels, features, classes));
        }
        return sets;
    }
}
