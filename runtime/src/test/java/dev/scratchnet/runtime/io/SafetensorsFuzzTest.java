package dev.scratchnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scratchnet.runtime.data.ReplaySeedsWithoutSanitizerHooks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Safetensors#load(String, byte[])} on arbitrary bytes: the only exception that may escape is
 * {@link SafetensorsFormatException} naming the file, and an accepted file's tensors fill its data section exactly.
 * Plain {@code mvn test} runs the seeds in {@code SafetensorsFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
@ExtendWith(ReplaySeedsWithoutSanitizerHooks.class)
class SafetensorsFuzzTest {
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
