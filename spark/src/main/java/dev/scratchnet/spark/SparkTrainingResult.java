package dev.scratchnet.spark;

/**
 * What {@link SparkTrainer#train} returns: the loss of each round and where the time went. A round is one iteration
 * of synchronous SGD, or one round of parameter averaging.
 */
public final class SparkTrainingResult {
    private final double[] losses;
    private final int rows;
    private final int partitions;
    private final double seconds;
    private final double broadcastSeconds;
    private final double jobSeconds;
    private final double computeSeconds;
    private final double driverSeconds;

    SparkTrainingResult(double[] losses, int rows, int partitions, double seconds, double broadcastSeconds, double jobSeconds,
            double computeSeconds, double driverSeconds) {
        this.losses = losses;
        this.rows = rows;
        this.partitions = partitions;
        this.seconds = seconds;
        this.broadcastSeconds = broadcastSeconds;
        this.jobSeconds = jobSeconds;
        this.computeSeconds = computeSeconds;
        this.driverSeconds = driverSeconds;
    }

    /**
     * Per round, the mean loss of its batches at the weights it started from, weight decay's penalty included (the
     * single-machine trainer records the loss after the update instead; that would cost a second pass over the
     * partitions). For parameter averaging: the mean over partitions of their local iterations' losses.
     */
    public double[] getLosses() {
        return losses.clone();
    }

    /** Rounds trained: iterations for synchronous SGD, rounds of local iterations for parameter averaging. */
    public int getRounds() {
        return losses.length;
    }

    /** Training rows, over all partitions. */
    public int getRows() {
        return rows;
    }

    public int getPartitions() {
        return partitions;
    }

    /** Wall-clock seconds of the rounds on the driver (caching the rows is not included). */
    public double getSeconds() {
        return seconds;
    }

    /** Seconds spent creating the broadcasts of weights (and indices or optimiser state): serialising them. */
    public double getBroadcastSeconds() {
        return broadcastSeconds;
    }

    /**
     * Seconds of the {@code treeAggregate} jobs, from submission to the summed result on the driver: scheduling,
     * shipping tasks and broadcasts, the partitions' computation, and the results' way back.
     */
    public double getJobSeconds() {
        return jobSeconds;
    }

    /** Seconds the slowest partition of each round spent computing, summed over rounds: the part of the jobs that is work. */
    public double getComputeSeconds() {
        return computeSeconds;
    }

    /** Seconds on the driver outside broadcasts and jobs: drawing batches, the optimiser's update, releasing broadcasts. */
    public double getDriverSeconds() {
        return driverSeconds;
    }
}
