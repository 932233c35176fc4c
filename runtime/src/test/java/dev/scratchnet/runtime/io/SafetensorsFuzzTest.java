package dev.scratchnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link Safetensors#load(String, byte[])} on arbitrary bytes: the only exception that may escape is
 * {@link SafetensorsFormatException} naming the file, and an accepted file's tensors fill its data section exactly.
 * Plain {@code mvn test} runs the seeds in {@code SafetensorsFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SafetensorsFuzzTest {
    /**
     * Replaying the seeds needs none of Jazzer's sanitizer hooks (our parsers run no SQL, shell or reflection), and
     * installing them takes about 15 s per test JVM; fuzzing ({@code JAZZER_FUZZ} set) keeps them.
     */
    @BeforeAll
    static void skipSanitizerHooksWhenReplayingSeeds() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        if (fuzz == null || fuzz.isEmpty()) {
            System.setProperty("jazzer.hooks", "false");
        }
    }

    @FuzzTest(maxDuration = "5m")
    void loadAnyBytes(byte[] input) {
        TensorFile file;
        try {
            file = Safetensors.load("fuzz.safetensors", input);
        } catch (SafetensorsFormatException e) {
            assertTrue(e.getMessage().startsWith("fuzz.safetensors: "), e.getMessage());
            return;
        }
        long headerLength = ByteBuffer.wrap(input, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long dataBytes = 0;
        for (Tensor t : file.getTensors().values()) {
            dataBytes += 8L * t.getSize();
        }
        assertEquals(input.length - 8 - headerLength, dataBytes, "tensors fill the data section exactly");
    }
}
