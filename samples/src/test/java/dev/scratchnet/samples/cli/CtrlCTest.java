package dev.scratchnet.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.io.Checkpoints;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.samples.TwoLayerNetModel;
import dev.scratchnet.samples.TwoLayerNetTrainer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) during {@code mnist --save FILE} writes a resumable checkpoint and says where it is. */
class CtrlCTest {
    @Test
    void sigintDuringTrainingSavesACheckpointAndSaysWhere(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("run.safetensors");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"),
                InterruptibleMain.class.getName(),
                "mnist", "--iterations", "1000000", "--save", checkpoint.toString())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        StringBuilder err = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            waitForTraining(dir.resolve("out.txt"), child);
            // bash's built-in kill: no dependency on a kill binary being installed
            Process kill = new ProcessBuilder("bash", "-c", "kill -INT " + child.pid()).start();
            assertEquals(0, kill.waitFor());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the app did not exit within 60 s of SIGINT");
            for (String line; (line = lines.readLine()) != null; ) {
                err.append(line).append('\n');
            }
        } finally {
            child.destroyForcibly();
        }
        assertEquals(130, child.exitValue(), err.toString());
        assertTrue(err.toString().contains("checkpoint saved to " + checkpoint + "; continue with --resume " + checkpoint),
                err.toString());

        Trainer trainer = new TwoLayerNetTrainer(new TwoLayerNetModel(),
                TrainingConfig.builder().iterations(1_000_000).build()).getTrainer();
        Checkpoints.resume(checkpoint, trainer);
        assertTrue(trainer.getIteration() > 0, "the checkpoint holds a run in progress");
        assertTrue(err.toString().contains("interrupted at iteration " + trainer.getIteration() + ":"), err.toString());
    }

    /** Waits until the child has printed its first epoch line: MNIST is loaded and the loop is running. */
    private static void waitForTraining(Path out, Process child) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(out) && Files.readString(out).contains("epoch   0")) {
                Thread.sleep(200);
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the app did not start training within 60 s: " + (Files.exists(out) ? Files.readString(out) : ""));
    }
}
