package dev.scratchnet.spark;

import dev.scratchnet.runtime.Model;
import java.io.Serializable;

/**
 * Creates the model that Spark tasks compute with, on each executor: a generated model's constructor
 * ({@code TwoLayerNetModel::new}) or a network of the DSL ({@code () -> Networks.sequential(784, n -> …)}). Being
 * {@link Serializable}, a lambda or method reference of this type can be shipped to the executors as it is.
 * The model's weights do not matter: the tasks overwrite them with the driver's.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
    Model create();
}
