package dev.scratchnet.samples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code sweep}: the spark module's {@code SweepCommand} (a hyper-parameter sweep of the two-layer network on Apache
 * Spark), run from the app. Spark is not inside the app's jar, as a cluster brings its own: the {@code scratchnet}
 * launcher puts the Spark jars the build copied ({@code spark/target/spark-lib}) on the class path for this command.
 * Without them the command says how to get them instead of failing to link.
 */
@Command(name = "sweep", description = "Train the two-layer network once per combination of the values given, on Apache"
        + " Spark (e.g. --master local[2] --learning-rate 0.01,0.1 --hidden 50,100); sweep --help for the flags.")
public final class SweepOnSpark implements Callable<Integer> {
    /** A class every Spark distribution has; present exactly when Spark's jars are on the class path. */
    static final String SPARK_CONTEXT = "org.apache.spark.SparkContext";

    /** Every argument, for the spark module's command to parse (its {@code --help} included). */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        if (!sparkPresent()) {
            System.err.println("sweep: Apache Spark is not on the class path; run it with the scratchnet launcher beside the"
                    + " jar (samples/target/scratchnet sweep …, which adds the Spark jars the build copied to"
                    + " spark/target/spark-lib), or with spark-submit (docs/spark.md)");
            return 1;
        }
        // Only now is the spark module's command loaded: it links against Spark.
        return dev.scratchnet.spark.cli.SweepCommand.run(args.toArray(String[]::new));
    }

    static boolean sparkPresent() {
        try {
            Class.forName(SPARK_CONTEXT, false, SweepOnSpark.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
