/** The {@code sweep} command: {@link dev.scratchnet.spark.SparkSweep} from the command line and spark-submit. */
@NullMarked
package dev.scratchnet.spark.cli;

import org.jspecify.annotations.NullMarked;
