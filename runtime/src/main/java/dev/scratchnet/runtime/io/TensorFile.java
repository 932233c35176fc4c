package dev.scratchnet.runtime.io;

import java.util.Map;

/** The contents of a safetensors file read by {@link Safetensors#load}: its tensors and its metadata. */
public final class TensorFile {
    private final String name;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    TensorFile(String name, Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.name = name;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** The path or name the file was read from. */
    public String getName() {
        return name;
    }

    /** The tensors by name, unmodifiable, in the order of their data in the file. */
    public Map<String, Tensor> getTensors() {
        return tensors;
    }

    /** The {@code __metadata__} strings, unmodifiable; empty when the file has none. */
    public Map<String, String> getMetadata() {
        return metadata;
    }

    /** The tensor named {@code tensorName}. */
    public Tensor getTensor(String tensorName) {
        Tensor t = tensors.get(tensorName);
        if (t == null) {
            throw new IllegalArgumentException(name + ": no tensor named '" + tensorName + "'; the file has " + tensors.keySet());
        }
        return t;
    }
}
