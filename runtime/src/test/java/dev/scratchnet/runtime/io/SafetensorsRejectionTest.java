package dev.scratchnet.runtime.io;

import static dev.scratchnet.runtime.io.SafetensorsFiles.doubles;
import static dev.scratchnet.runtime.io.SafetensorsFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each way {@link Safetensors#load} refuses a file, and what it says. */
class SafetensorsRejectionTest {
    private static final String A = "\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}";

    @Test
    void fileShorterThanTheHeaderLength() {
        assertRejected(new byte[5], "f: too short for a safetensors file: 5 bytes, the header length alone takes 8");
    }

    @Test
    void absurdHeaderLength() {
        byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();

        assertRejected(bytes, "f: header length 1099511627776 is more than the 100000000 bytes allowed; "
                + "this is not a safetensors file, or a damaged one");
    }

    @Test
    void headerLengthAboveTwoToThe63IsReadUnsigned() {
        byte[] bytes = new byte[16];
        Arrays.fill(bytes, 0, 8, (byte) 0xFF);

        assertRejected(bytes, "f: header length 18446744073709551615 is more than the 100000000 bytes allowed; "
                + "this is not a safetensors file, or a damaged one");
    }

    @Test
    void headerLengthBeyondTheFile() {
        byte[] bytes = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN).putLong(100).array();

        assertRejected(bytes, "f: header length 100 runs past the end of the file: only 10 bytes follow it");
    }

    @Test
    void headerThatIsNotUtf8() {
        byte[] bytes = file("{\"\u00e9\":1}", new byte[0]);
        bytes[10] = (byte) 0xC3;
        bytes[11] = (byte) 0x28;

        assertRejected(bytes, "f: header is not valid UTF-8");
    }

    @Test
    void headerThatIsNotJson() {
        assertRejected(file("{" + A + ",}", doubles(1, 2)), "f: header is not valid JSON: Expected name at line 1 column 57 path $.a");
    }

    @Test
    void lenientJsonIsRefused() {
        assertRejected(file("{'a':{}}", new byte[0]), "f: header is not valid JSON: malformed JSON at line 1 column 3 path $.");
    }

    @Test
    void headerThatIsAnArray() {
        assertRejected(file("[1]", new byte[0]), "f: the header should be a JSON object but is a JSON array");
    }

    @Test
    void contentAfterTheHeaderObject() {
        assertRejected(file("{" + A + "} {}", doubles(1, 2)), "f: header is not valid JSON: malformed JSON at line 1 column 58 path $");
    }

    @Test
    void entryThatIsNotAnObject() {
        assertRejected(file("{\"a\":[0,16]}", doubles(1, 2)), "f: tensor 'a' should be a JSON object but is a JSON array");
    }

    @Test
    void duplicateTensorNameWhichGsonWouldSilentlyCollapse() {
        assertRejected(file("{" + A + "," + A + "}", doubles(1, 2)), "f: header names 'a' twice");
    }

    @Test
    void duplicateKeyInsideAnEntry() {
        assertRejected(file("{\"a\":{\"dtype\":\"F64\",\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", doubles(1, 2)),
                "f: tensor 'a' names 'dtype' twice");
    }

    @Test
    void duplicateMetadataKey() {
        assertRejected(file("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", new byte[0]), "f: '__metadata__' names 'k' twice");
    }

    @Test
    void metadataValueThatIsNotAString() {
        assertRejected(file("{\"__metadata__\":{\"epoch\":3}}", new byte[0]),
                "f: '__metadata__' value 'epoch' should be a string but is a number");
    }

    @Test
    void unknownDtypeSaysOnlyF64IsSupported() {
        assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]),
                "f: tensor 'a' has dtype F32; only F64 (64-bit float) is supported, the type this library saves parameters in");
    }

    @Test
    void entryWithoutShape() {
        assertRejected(file("{\"a\":{\"dtype\":\"F64\",\"data_offsets\":[0,16]}}", doubles(1, 2)),
                "f: tensor 'a' has no shape; an entry has exactly dtype, shape and data_offsets");
    }

    @Test
    void entryWithAnUnexpectedKey() {
        assertRejected(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16],\"strides\":[1]}}", doubles(1, 2)),
                "f: tensor 'a' has an unexpected key 'strides'; an entry has exactly dtype, shape and data_offsets");
    }

    @Test
    void negativeDimension() {
        assertRejected(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[-2],\"data_offsets\":[0,16]}}", doubles(1, 2)),
                "f: tensor 'a' shape holds -2; expected an integer from 0 to 2147483647");
    }

    @Test
    void fractionalDimension() {
        assertRejected(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2.0],\"data_offsets\":[0,16]}}", doubles(1, 2)),
                "f: tensor 'a' shape holds 2.0; expected an integer from 0 to 2147483647");
    }

    @Test
    void threeDataOffsets() {
        assertRejected(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8,16]}}", doubles(1, 2)),
                "f: tensor 'a' has 3 data_offsets; expected 2, [begin, end]");
    }

    @Test
    void dataOffsetsBeyondTheData() {
        assertRejected(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,24]}}", doubles(1, 2)),
                "f: tensor 'a' has data_offsets [0, 24) beyond the data section of 16 bytes");
    }

    @Test
    void dataOffsetsThatEndBeforeTheyBegin() {
        assertRejected(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[16,0]}}", doubles(1, 2)),
                "f: tensor 'a' has data_offsets [16, 0) that end before they begin");
    }

    @Test
    void shapeThatDoesNotFitTheByteSpan() {
        assertRejected(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,16]}}", doubles(1, 2)),
                "f: tensor 'a' has shape [3] = 3 values, but its data_offsets [0, 16) span 16 bytes, not 24");
    }

    @Test
    void shapeWithMoreValuesThanAnArrayHolds() {
        assertRejected(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,0]}}", new byte[0]),
                "f: tensor 'a' has shape [2147483647, 2147483647, 2147483647], more values than a Java array holds");
    }

    @Test
    void hugeDimensionsTimesZeroAreAnEmptyTensor() {
        TensorFile loaded = Safetensors.load("f",
                file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647,0],\"data_offsets\":[0,0]}}", new byte[0]));

        assertEquals(0, loaded.getTensor("a").getSize());
    }

    @Test
    void overlappingTensors() {
        assertRejected(file("{" + A + ",\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", doubles(1, 2)),
                "f: tensors 'a' [0, 16) and 'b' [8, 16) overlap");
    }

    @Test
    void gapBetweenTensors() {
        assertRejected(file("{\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", doubles(1, 2)),
                "f: 8 unused bytes before tensor 'b' [8, 16); data_offsets must be contiguous from 0");
    }

    @Test
    void trailingBytesAfterTheLastTensor() {
        assertRejected(file("{" + A + "}", doubles(1, 2, 3)), "f: trailing data: 8 bytes after the last tensor's data");
    }

    @Test
    void dataWithoutAnyTensor() {
        assertRejected(file("{}", new byte[3]), "f: trailing data: 3 bytes after the header, which declares no tensors");
    }

    private static void assertRejected(byte[] contents, String message) {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.load("f", contents));
        assertEquals(message, e.getMessage());
    }
}
