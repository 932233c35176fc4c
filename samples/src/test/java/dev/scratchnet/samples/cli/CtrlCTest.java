package dev.scratchnet.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.io.Checkpoints;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.samples.TwoLayerNetModel;
import dev.scratchnet.samples.TwoLayerNetTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) during {@code mnist --save FILE}: the app says at once that it will stop after the iteration in
 * progress, then writes a resumable checkpoint and says where it is; a second Ctrl-C stops it at once.
 */
class CtrlCTest {
    @Test
    void sigintDuringTrainingSavesACheckpointAndSaysWhere(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("run.safetensors");
        Process child = start(dir, "mnist", "--iterations", "1000000", "--save", checkpoint.toString());
        try {
            waitFor(dir.resolve("out.txt"), "epoch   0", child);
            sigint(child);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the app did not exit within 60 s of SIGINT");
        } finally {
            child.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(130, child.exitValue(), err);
        assertTrue(err.contains("Ctrl-C: stopping after the iteration in progress ("), err);
        assertTrue(err.contains("checkpoint saved to " + checkpoint + "; continue with --resume " + checkpoint), err);

        Trainer trainer = new TwoLayerNetTrainer(new TwoLayerNetModel(),
                TrainingConfig.builder().iterations(1_000_000).build()).getTrainer();
        Checkpoints.resume(checkpoint, trainer);
        assertTrue(trainer.getIteration() > 0, "the checkpoint holds a run in progress");
        assertTrue(err.contains("interrupted at iteration " + trainer.getIteration() + ":"), err);
    }

    /**
     * One iteration of the numerical gradient of a 784-2000-10 DSL network runs for hours (1.6 million weights, each
     * perturbed twice and followed by a forward pass of 100 rows: about 10^14 multiply-adds), so whatever the
     * machine, the run is still in its first iteration when the second Ctrl-C comes.
     */
    @Test
    void ctrlCDuringALongIterationSaysSoAtOnceAndASecondCtrlCStopsTheRun(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("run.safetensors");
        Process child = start(dir, "mnist", "--network", "dsl", "--hidden", "2000", "--gradient", "numerical",
                "--save", checkpoint.toString());
        try {
            // The app prints its plan once Ctrl-C is handled.
            waitFor(dir.resolve("out.txt"), "DSL network 784-2000-10 (relu) on embedded MNIST", child);
            sigint(child);
            waitFor(dir.resolve("err.txt"), "Ctrl-C: stopping after the iteration in progress (0), then saving a checkpoint to "
                    + checkpoint + "; press Ctrl-C again to stop at once without it", child);
            sigint(child);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the app did not exit within 60 s of the second SIGINT");
        } finally {
            child.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(130, child.exitValue(), err);
        assertTrue(err.contains("Ctrl-C again: stopped at once in iteration 0; no checkpoint saved"), err);
        assertFalse(Files.exists(checkpoint));
    }

    /** The app in a child JVM, its output and errors going to {@code out.txt} and {@code err.txt} in {@code dir}. */
    private static Process start(Path dir, String... args) throws IOException {
        String[] command = new String[6 + args.length];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command[1] = "--add-modules";
        command[2] = "jdk.incubator.vector";
        command[3] = "-cp";
        command[4] = System.getProperty("java.class.path");
        command[5] = InterruptibleMain.class.getName();
        System.arraycopy(args, 0, command, 6, args.length);
        return new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
    }

    private static void sigint(Process child) throws IOException, InterruptedException {
        // bash's built-in kill: no dependency on a kill binary being installed
        Process kill = new ProcessBuilder("bash", "-c", "kill -INT " + child.pid()).start();
        assertEquals(0, kill.waitFor());
    }

    /** Waits (up to a minute, while the child lives) until {@code file} contains {@code text}. */
    private static void waitFor(Path file, String text, Process child) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the app did not print '" + text + "' within 60 s: " + (Files.exists(file) ? Files.readString(file) : ""));
    }
}
