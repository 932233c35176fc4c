package dev.scratchnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.io.Safetensors;
import dev.scratchnet.runtime.io.Tensor;
import dev.scratchnet.runtime.io.TensorFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standardisation fitted on training rows only, applied to others, and saved beside the weights. */
class StandardizerTest {
    /** Feature 0: 1, 2, 3, 6 (mean 3, population variance 3.5); feature 1: constant 5. */
    private static final Dataset TRAIN = Dataset.ofTargets(new double[] {1, 5, 2, 5, 3, 5, 6, 5},
            new double[] {0, 1, 2, 3}, 2, 1);

    @Test
    void fitsMeansAndPopulationDeviationsOnTheTrainingRows() {
        Standardizer s = Standardizer.fit(TRAIN);
        assertArrayEquals(new double[] {3, 5}, s.getMeans());
        assertArrayEquals(new double[] {Math.sqrt(3.5), 1.0}, s.getDeviations(), "a constant feature keeps deviation 1");
        Dataset standardised = s.apply(TRAIN);
        double[] x = standardised.getX();
        double mean = 0;
        double squares = 0;
        for (int r = 0; r < 4; r++) {
            mean += x[2 * r] / 4;
            squares += x[2 * r] * x[2 * r] / 4;
            assertEquals(0.0, x[2 * r + 1]);
        }
        assertEquals(0.0, mean, 1e-15);
        assertEquals(1.0, squares, 1e-15);
        assertArrayEquals(TRAIN.getTargets(), standardised.getTargets(), "targets stay as they are");
    }

    @Test
    void otherRowsUseTheTrainingStatistics() {
        Standardizer s = Standardizer.fit(TRAIN);
        Dataset test = new Dataset(new double[] {3 + Math.sqrt(3.5), 7}, new int[] {1}, 2, 2);
        Dataset standardised = s.apply(test);
        assertArrayEquals(new double[] {1.0, 2.0}, standardised.getX(), 1e-15);
        assertArrayEquals(new int[] {1}, standardised.getLabels());
        assertEquals("the rows have 3 columns to standardise; this standardizer was fitted on 2", assertThrows(
                IllegalArgumentException.class, () -> s.apply(Dataset.ofTargets(new double[3], new double[1], 3, 1)))
                .getMessage());
    }

    @Test
    void savedBesideTheWeightsItStandardisesRawRowsAfterLoading(@TempDir Path dir) {
        Standardizer s = Standardizer.fit(TRAIN);
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(file, s.toTensors(Standardizer.FEATURES), Map.of());
        Standardizer loaded = Standardizer.from(Safetensors.load(file), Standardizer.FEATURES).orElseThrow();
        double[] raw = {6, 5};
        double[] expected = raw.clone();
        s.apply(expected, 1);
        loaded.apply(raw, 1);
        assertArrayEquals(expected, raw);
        assertTrue(Standardizer.from(weightsOnly(dir), Standardizer.FEATURES).isEmpty(), "a file without one has none");
    }

    @Test
    void targetsStandardiseAndInvertBackToTheirUnits() {
        Standardizer s = Standardizer.fitTargets(TRAIN);
        assertArrayEquals(new double[] {1.5}, s.getMeans());
        Dataset standardised = s.applyToTargets(TRAIN);
        assertArrayEquals(TRAIN.getX(), standardised.getX(), "features stay as they are");
        double[] back = standardised.getTargets().clone();
        s.invert(back, 4);
        assertArrayEquals(TRAIN.getTargets(), back, 1e-15);
        assertEquals("class labels are not standardised; only a regression dataset's targets", assertThrows(
                IllegalArgumentException.class, () -> Standardizer.fitTargets(new Dataset(new double[1], new int[1], 1, 1)))
                .getMessage());
    }

    @Test
    void aDamagedStandardizerIsRefusedNamingTheFile(@TempDir Path dir) {
        Path file = dir.resolve("bad.safetensors");
        Safetensors.save(file, Map.of("standardizer.mean", new Tensor(new int[] {2}, new double[] {0, 0}),
                "standardizer.std", new Tensor(new int[] {2}, new double[] {1, 0})), Map.of());
        assertEquals(file + ": standardizer feature 1 has mean 0.0 and deviation 0.0; a deviation must be finite and > 0",
                assertThrows(IllegalArgumentException.class, () -> Standardizer.from(Safetensors.load(file), Standardizer.FEATURES)).getMessage());
    }

    private static TensorFile weightsOnly(Path dir) {
        Path file = dir.resolve("weights-only.safetensors");
        Safetensors.save(file, Map.of("W1", new Tensor(new int[] {1}, new double[] {1})), Map.of());
        return Safetensors.load(file);
    }
}
