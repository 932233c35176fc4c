package dev.scratchnet.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark for tests: two local cores, bound to the loopback address alone, no web UI, warnings only. */
public final class LocalSpark {
    private LocalSpark() {
    }

    public static JavaSparkContext start(String name) {
        return new JavaSparkContext(new SparkConf()
                .setMaster("local[2]")
                .setAppName(name)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.log.level", "WARN"));
    }
}
