package dev.scratchnet.runtime.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds safetensors bytes by hand for tests, independently of the writer. */
final class SafetensorsFiles {
    private SafetensorsFiles() {
    }

    /** The little-endian header length, {@code header} as UTF-8 (unpadded), then {@code data}. */
    static byte[] file(String header, byte[] data) {
        byte[] json = header.getBytes(UTF_8);
        return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json).put(data)
                .array();
    }

    static byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }
}
