package dev.scratchnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Csv} on arbitrary text, read as a classification file (label column {@code class}, or the last column
 * without a header) and as a regression file (target column {@code y}, or column 0): the only exception that may
 * escape is {@link CsvFormatException} naming the file, and whatever is accepted is a consistent dataset of finite
 * values with labels in range. Plain {@code mvn test} runs the seeds in {@code CsvFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
@ExtendWith(ReplaySeedsWithoutSanitizerHooks.class)
class CsvFuzzTest {
    private static final List<CsvOptions> OPTIONS = List.of(
            CsvOptions.builder().label("class").build(),
            CsvOptions.builder().targets(List.of("y")).build(),
            CsvOptions.builder().header(false).label("1").build(),
            CsvOptions.builder().header(false).delimiter(';').targets(List.of("0")).build());

    @FuzzTest(maxDuration = "5m")
    void readAnyText(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (CsvOptions options : OPTIONS) {
            try {
                Dataset data = Csv.read("fuzz.csv", new StringReader(text), options).dataset();
                assertTrue(data.getSize() > 0, "an accepted file has rows");
                assertEquals((long) data.getSize() * data.getFeatures(), data.getX().length);
                for (double v : data.getX()) {
                    assertTrue(Double.isFinite(v), "feature " + v);
                }
                if (data.isClassification()) {
                    for (int label : data.getLabels()) {
                        assertTrue(label >= 0 && label < data.getClasses(), "label " + label);
                    }
                } else {
                    for (double t : data.getTargets()) {
                        assertTrue(Double.isFinite(t), "target " + t);
                    }
                }
            } catch (CsvFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz.csv"), e.getMessage());
            }
        }
    }
}
