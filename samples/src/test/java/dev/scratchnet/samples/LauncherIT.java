package dev.scratchnet.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app as a user starts it: {@code target/scratchnet} (the launcher) gets the vector kernels with no JVM
 * option typed, and {@code java -jar target/scratchnet.jar} still works and says, once, that the kernels are scalar.
 */
class LauncherIT {
    private static final Path TARGET = Path.of(System.getProperty("basedir"), "target");
    private static final String JAVA_HOME = System.getProperty("java.home");

    /** What one run printed and returned. */
    private record Run(int exitCode, String out, List<String> err) {}

    @Test
    void launcherStartsTheAppWithTheVectorModule(@TempDir Path dir) throws Exception {
        Run run = run(dir, Map.of("JAVA_HOME", JAVA_HOME), TARGET.resolve("scratchnet").toString(), "gates");

        assertEquals(0, run.exitCode(), run.err().toString());
        assertTrue(run.out().startsWith("AND\n"), run.out());
        // The JVM's own word that it resolved the module, which is what selects the vector kernels.
        assertTrue(run.err().contains("WARNING: Using incubator modules: jdk.incubator.vector"), run.err().toString());
        assertFalse(run.err().contains(Main.SCALAR_KERNELS_NOTICE), run.err().toString());
    }

    @Test
    void launcherPassesJavaOptsToTheJvm(@TempDir Path dir) throws Exception {
        Run run = run(dir, Map.of("JAVA_HOME", JAVA_HOME, "JAVA_OPTS", "-Dlauncher.check=passed -XshowSettings:properties"),
                TARGET.resolve("scratchnet").toString(), "gates");

        assertEquals(0, run.exitCode(), run.err().toString());
        assertTrue(run.err().contains("    launcher.check = passed"), run.err().toString());
    }

    @Test
    void javaDashJarWithoutTheModuleRunsAndSaysOnceThatKernelsAreScalar(@TempDir Path dir) throws Exception {
        Run run = run(dir, Map.of(), Path.of(JAVA_HOME, "bin", "java").toString(), "-jar",
                TARGET.resolve("scratchnet.jar").toString(), "gates");

        assertEquals(0, run.exitCode(), run.err().toString());
        assertTrue(run.out().startsWith("AND\n"), run.out());
        assertEquals(List.of(Main.SCALAR_KERNELS_NOTICE), run.err());
    }

    /** sweep runs on Spark, which the launcher puts on the class path for it: its help lists Spark's settings. */
    @Test
    void launcherGivesSweepTheSparkJars(@TempDir Path dir) throws Exception {
        Run run = run(dir, Map.of("JAVA_HOME", JAVA_HOME), TARGET.resolve("scratchnet").toString(), "sweep", "--help");

        assertEquals(0, run.exitCode(), run.err().toString());
        assertTrue(run.out().startsWith("Usage: sweep "), run.out());
        assertTrue(run.out().contains("--master=URL"), run.out());
    }

    @Test
    void sweepWithoutSparkSaysHowToGetIt(@TempDir Path dir) throws Exception {
        Run run = run(dir, Map.of(), Path.of(JAVA_HOME, "bin", "java").toString(), "--add-modules", "jdk.incubator.vector",
                "-jar", TARGET.resolve("scratchnet.jar").toString(), "sweep", "--master", "local[2]");

        assertEquals(1, run.exitCode(), run.err().toString());
        assertTrue(run.err().stream().anyMatch(line -> line.startsWith("sweep: Apache Spark is not on the class path;")),
                run.err().toString());
    }

    private static Run run(Path dir, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("no exit within 60 s: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }
}
