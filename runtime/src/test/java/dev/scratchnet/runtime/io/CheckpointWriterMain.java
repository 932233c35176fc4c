package dev.scratchnet.runtime.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Child process of {@link KilledWhileSavingTest}: saves states 0, 1, 2, … to the same file for ever, printing
 * {@code saved k} after state k is completely written. State k is every value equal to k.
 */
public final class CheckpointWriterMain {
    private CheckpointWriterMain() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        for (int k = 0; ; k++) {
            double[] weights = new double[200_000];
            Arrays.fill(weights, k);
            double[] biases = new double[50];
            Arrays.fill(biases, k);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("W1", new Tensor(new int[] {4000, 50}, weights));
            tensors.put("b1", new Tensor(new int[] {50}, biases));
            Safetensors.save(file, tensors, Map.of("state", Integer.toString(k)));
            System.out.println("saved " + k);
            System.out.flush();
        }
    }
}
