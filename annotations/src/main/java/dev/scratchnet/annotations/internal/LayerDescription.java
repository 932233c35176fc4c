package dev.scratchnet.annotations.internal;

import dev.scratchnet.annotations.ActivationFunction;

/**
 * One dense layer as the rules see it. A null value is one the front door could not read and has reported
 * already (javac rejected it); the rules that need it are not checked.
 */
public record LayerDescription(Integer units, ActivationFunction activation) {}
