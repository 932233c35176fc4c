package com.example.broken;

/** Code that uses the model the broken network would have generated. */
public final class Classifier {
    private final SoftmaxInTheMiddleModel model = new SoftmaxInTheMiddleModel();

    /** The model's parameter count, for code that needs the class to exist. */
    public int parameters() {
        return model.getParameters().size();
    }
}
