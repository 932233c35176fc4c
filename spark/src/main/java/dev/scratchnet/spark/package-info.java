/**
 * scratchnet on Apache Spark: {@link dev.scratchnet.spark.SparkSweep} trains one model per configuration of a
 * grid as Spark tasks, with the single-machine {@link dev.scratchnet.runtime.train.Trainer};
 * {@link dev.scratchnet.spark.SparkTrainer} trains one model on rows spread over partitions, by synchronous
 * data-parallel SGD or by parameter averaging.
 *
 * <p>As Spark's own estimators do, these classes use the caller's {@code JavaSparkContext} and never stop it; the
 * data they cache or broadcast is released when they return.
 */
@NullMarked
package dev.scratchnet.spark;

import org.jspecify.annotations.NullMarked;
