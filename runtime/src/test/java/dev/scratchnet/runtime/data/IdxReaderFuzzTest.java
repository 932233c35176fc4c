package dev.scratchnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scratchnet.runtime.io.InsufficientMemoryException;
import java.io.ByteArrayInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link IdxReader} on arbitrary bytes, raw and gzipped: the only exceptions that may escape are
 * {@link IdxFormatException} and, for data the heap cannot hold, {@link InsufficientMemoryException}, both naming
 * the file, and whatever is accepted is consistent with its header. Plain
 * {@code mvn test} runs the seeds in {@code IdxReaderFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
@ExtendWith(ReplaySeedsWithoutSanitizerHooks.class)
class IdxReaderFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void readAnyBytes(byte[] input) {
        boolean looksGzipped = input.length >= 2 && (input[0] & 0xFF) == 0x1f && (input[1] & 0xFF) == 0x8b;
        @Nullable IdxFile raw = readOrRefuse(input);
        if (raw != null) {
            int[] dims = raw.getDimensions();
            long size = 1;
            for (int d : dims) {
                size *= d;
            }
            assertEquals(size, raw.getData().length);
            if (!looksGzipped) {
                assertEquals(input.length, 4 + 4 * dims.length + size, "an accepted raw file is exactly header + data");
            }
        }
        if (!looksGzipped) {
            // The same content gzipped must be read the same way.
            @Nullable IdxFile gz = readOrRefuse(IdxBytes.gzip(input));
            assertEquals(raw == null, gz == null, "raw and gzipped content accepted alike");
            if (raw != null && gz != null) {
                assertArrayEquals(raw.getDimensions(), gz.getDimensions());
                assertArrayEquals(raw.getData(), gz.getData());
            }
        }
    }

    private static @Nullable IdxFile readOrRefuse(byte[] content) {
        try {
            return IdxReader.read("fuzz.idx", new ByteArrayInputStream(content));
        } catch (IdxFormatException | InsufficientMemoryException e) {
            assertTrue(e.getMessage().startsWith("fuzz.idx: "), e.getMessage());
            return null;
        }
    }
}
