package dev.scratchnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The optimisers on the book's {@code f(x, y) = x²/20 + y²} from {@code (−7, 2)} ({@code ch06/optimizer_compare_naive.py}),
 * with {@code x} and {@code y} as two parameter arrays as in the book's {@code params['x'], params['y']}.
 */
class OptimizerTest {
    /** Position on the book's function, as two one-value parameters. */
    private static final class Walk {
        final Parameter x = new Parameter("x", new int[] {1}, new double[] {-7.0});
        final Parameter y = new Parameter("y", new int[] {1}, new double[] {2.0});
        final List<Parameter> params = List.of(x, y);
        final Gradients grads = Gradients.zerosLike(params);

        /** One book iteration: {@code grads = df(x, y)}, then {@code optimizer.update(params, grads)}. */
        void step(Optimizer optimizer) {
            grads.get(0)[0] = x() / 10.0;
            grads.get(1)[0] = 2.0 * y();
            optimizer.update(params, grads);
        }

        double x() {
            return x.getValues()[0];
        }

        double y() {
            return y.getValues()[0];
        }
    }

    /** The book's learning rates for the comparison. */
    private static Optimizer bookOptimizer(OptimizerType type) {
        return switch (type) {
            case SGD -> new Sgd(0.95);
            case MOMENTUM -> new Momentum(0.1);
            case ADAGRAD -> new AdaGrad(1.5);
            case ADAM -> new Adam(0.3);
        };
    }

    @Test
    void sgdFirstStepIsLearningRateTimesGradient() {
        Walk walk = new Walk();
        walk.step(new Sgd(0.95));
        // g = (−7/10, 2·2) = (−0.7, 4); (−7 + 0.95·0.7, 2 − 0.95·4)
        assertEquals(-6.335, walk.x(), 1e-15);
        assertEquals(-1.8, walk.y(), 1e-15);
    }

    @Test
    void momentumFirstStepMovesByMinusLearningRateTimesGradient() {
        Walk walk = new Walk();
        Momentum momentum = new Momentum(0.1);
        walk.step(momentum);
        // v = 0.9·0 − 0.1·(−0.7, 4) = (0.07, −0.4)
        assertEquals(-6.93, walk.x(), 1e-15);
        assertEquals(1.6, walk.y(), 1e-15);
        assertArrayEquals(new double[] {0.07}, momentum.getState().get("v.0"), 1e-15);
        assertArrayEquals(new double[] {-0.4}, momentum.getState().get("v.1"), 1e-15);
    }

    @Test
    void adaGradFirstStepIsLearningRateTimesGradientSignDampedByEpsilon() {
        Walk walk = new Walk();
        walk.step(new AdaGrad(1.5));
        // h = g², so the step is 1.5·g / (|g| + 1e-7): −7 + 1.5·0.7/0.7000001 and 2 − 1.5·4/4.0000001
        assertEquals(-7 + 1.5 * 0.7 / 0.7000001, walk.x(), 1e-15);
        assertEquals(-5.500000214285683, walk.x(), 1e-15);
        assertEquals(0.5000000374999991, walk.y(), 1e-15);
    }

    @Test
    void adamFirstStepIsBiasCorrectedLearningRateTimesGradientSign() {
        Walk walk = new Walk();
        Adam adam = new Adam(0.3);
        walk.step(adam);
        // lr_t = 0.3·√(1 − 0.999)/(1 − 0.9) = 0.0948683…; m = 0.1·g, v = 0.001·g², so the step is
        // lr_t·0.1·g/(√0.001·|g| + 1e-7) ≈ 0.3·sign(g), short by the epsilon: 0.3/(1 + 1e-7/(√0.001·|g|))
        assertEquals(-7 + 0.3 / (1 + 1e-7 / (Math.sqrt(0.001) * 0.7)), walk.x(), 1e-14);
        assertEquals(-6.700001355255732, walk.x(), 1e-15);
        assertEquals(1.700000237170637, walk.y(), 1e-15);
        assertEquals(1, adam.getIteration(), "one update counts once, though it stepped two arrays");
    }

    /** Final positions after 30 steps from the book's numpy code ({@code common/optimizer.py}) run on this machine. */
    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void thirtyStepsEndInTheMinimumRegionWhereTheBooksNumpyCodeEnds(OptimizerType type) {
        Walk walk = new Walk();
        Optimizer optimizer = bookOptimizer(type);
        for (int i = 0; i < 30; i++) {
            walk.step(optimizer);
        }
        double[] numpy = switch (type) {
            case SGD -> new double[] {-0.3503929957523197, 0.0847823165504322};
            case MOMENTUM -> new double[] {0.896413858493733, 0.08808560171506971};
            case ADAGRAD -> new double[] {-0.12016232231416045, 2.486389893984459e-17};
            case ADAM -> new double[] {0.13600685239498186, 0.31824537553721943};
        };
        assertEquals(numpy[0], walk.x(), 1e-12);
        assertEquals(numpy[1], walk.y(), 1e-12);
        // From f(−7, 2) = 6.45 to below 0.11 (Adam, the farthest, is at 0.102): the region around the minimum.
        double f = walk.x() * walk.x() / 20 + walk.y() * walk.y();
        assertTrue(f < 0.11, type + " ends at f = " + f);
        assertTrue(Math.abs(walk.x()) < 1 && Math.abs(walk.y()) < 0.35, type + " ends at " + walk.x() + ", " + walk.y());
    }

    @Test
    void sgdZigZagsAcrossTheValleyWhileMomentumDoesNot() {
        assertEquals(30, ySignChanges(new Sgd(0.95)), "SGD: y = 2·(−0.9)^k changes sign every step");
        assertEquals(4, ySignChanges(new Momentum(0.1)));
    }

    @Test
    void sgdPathIsTheClosedFormGeometricSequence() {
        Walk walk = new Walk();
        for (int i = 0; i < 30; i++) {
            walk.step(new Sgd(0.95));
        }
        // Each step multiplies x by 1 − 0.95/10 and y by 1 − 0.95·2.
        assertEquals(-7 * Math.pow(0.905, 30), walk.x(), 1e-12);
        assertEquals(2 * Math.pow(-0.9, 30), walk.y(), 1e-12);
    }

    private static int ySignChanges(Optimizer optimizer) {
        Walk walk = new Walk();
        int changes = 0;
        for (int i = 0; i < 30; i++) {
            double before = walk.y();
            walk.step(optimizer);
            if (Math.signum(before) != Math.signum(walk.y())) {
                changes++;
            }
        }
        return changes;
    }

    @Test
    void adamStepsAfterBeginUpdateEqualUpdate() {
        Walk fused = new Walk();
        Walk whole = new Walk();
        Adam a = new Adam(0.3);
        Adam b = new Adam(0.3);
        for (int i = 0; i < 5; i++) {
            a.beginUpdate();
            a.step(0, fused.x.getValues(), new double[] {fused.x() / 10.0});
            a.step(1, fused.y.getValues(), new double[] {2.0 * fused.y()});
            whole.step(b);
        }
        assertEquals(whole.x(), fused.x());
        assertEquals(whole.y(), fused.y());
        assertEquals(5, a.getIteration());
    }

    @Test
    void adamStepWithoutBeginUpdateIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Adam(0.3).step(0, new double[1], new double[1]));
        assertEquals("Adam.step called before beginUpdate(): call beginUpdate() once per update, before its step() calls",
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void restoredStateContinuesExactlyAsUninterrupted(OptimizerType type) {
        Walk uninterrupted = new Walk();
        Optimizer one = bookOptimizer(type);
        for (int i = 0; i < 20; i++) {
            uninterrupted.step(one);
        }
        Walk resumed = new Walk();
        Optimizer first = bookOptimizer(type);
        for (int i = 0; i < 10; i++) {
            resumed.step(first);
        }
        Optimizer second = bookOptimizer(type);
        second.setState(first.getState());
        for (int i = 0; i < 10; i++) {
            resumed.step(second);
        }
        assertEquals(uninterrupted.x(), resumed.x());
        assertEquals(uninterrupted.y(), resumed.y());
    }

    @Test
    void stateIsKeyedByKindAndIndexAndAdamCarriesItsIteration() {
        Walk walk = new Walk();
        Adam adam = new Adam(0.3);
        walk.step(adam);
        walk.step(adam);
        Map<String, double[]> state = adam.getState();
        assertEquals(List.of("iter", "m.0", "m.1", "v.0", "v.1"), List.copyOf(state.keySet()));
        assertArrayEquals(new double[] {2}, state.get("iter"));
        assertEquals(List.of("h.0", "h.1"), stateKeys(new AdaGrad(1.5)));
        assertEquals(List.of("v.0", "v.1"), stateKeys(new Momentum(0.1)));
        assertEquals(List.of(), stateKeys(new Sgd(0.95)));
    }

    private static List<String> stateKeys(Optimizer optimizer) {
        new Walk().step(optimizer);
        return List.copyOf(optimizer.getState().keySet());
    }

    @Test
    void getStateReturnsCopies() {
        Walk walk = new Walk();
        Momentum momentum = new Momentum(0.1);
        walk.step(momentum);
        momentum.getState().get("v.0")[0] = 1000;
        assertEquals(0.07, momentum.getState().get("v.0")[0], 1e-15);
    }

    @Test
    void stateOfAnotherOptimizerIsRejectedByName() {
        Walk walk = new Walk();
        Adam adam = new Adam(0.3);
        walk.step(adam);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AdaGrad(1.5).setState(adam.getState()));
        assertEquals("AdaGrad state has an unknown entry 'iter'; expected h.<index>; was the state saved from a different optimizer?",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1).setState(Map.of("v.0", new double[1])));
        assertEquals("Sgd keeps no state, got entries [v.0]; was the state saved from a different optimizer?", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(0.3).setState(Map.of("m.0", new double[1])));
        assertEquals("Adam state needs 'iter' holding one value, got none", e.getMessage());
    }

    @Test
    void stateSizedForAnotherModelIsRejectedAtTheStep() {
        Momentum momentum = new Momentum(0.1);
        momentum.setState(Map.of("v.0", new double[3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> momentum.step(0, new double[2], new double[2]));
        assertEquals("v.0 holds 3 values but parameter 0 has 2; use a new optimizer (or state saved from this model) for a different model",
                e.getMessage());
    }

    @Test
    void invalidHyperparametersAreRejectedByName() {
        assertEquals("SGD: learning rate must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(0)).getMessage());
        assertEquals("Adam: learning rate must be finite and > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN)).getMessage());
        assertEquals("Momentum: momentum must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, 1)).getMessage());
        assertEquals("Adam: beta2 must be in [0, 1), got -0.5",
                assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, -0.5)).getMessage());
    }

    @Test
    void updateRejectsGradientOfAnotherShape() {
        List<Parameter> params = List.of(new Parameter("W1", new int[] {2}, new double[2]));
        Gradients grads = Gradients.zerosLike(List.of(new Parameter("W1", new int[] {3}, new double[3])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1).update(params, grads));
        assertEquals("W1: parameter has 2 values but its gradient has 3", e.getMessage());
    }

    @Test
    void optimizerTypeCreatesTheNamedOptimizerWithBookDefaults() {
        assertEquals(0.9, ((Momentum) OptimizerType.MOMENTUM.create(0.01)).getMomentum());
        Adam adam = (Adam) OptimizerType.ADAM.create(0.001);
        assertEquals(0.9, adam.getBeta1());
        assertEquals(0.999, adam.getBeta2());
        assertEquals(0.001, adam.getLearningRate());
        assertEquals(0.5, ((Sgd) OptimizerType.SGD.create(0.5)).getLearningRate());
        assertEquals(1.5, ((AdaGrad) OptimizerType.ADAGRAD.create(1.5)).getLearningRate());
    }
}
