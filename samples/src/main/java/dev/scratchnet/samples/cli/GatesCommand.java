package dev.scratchnet.samples.cli;

import dev.scratchnet.runtime.Perceptrons;
import java.util.function.IntBinaryOperator;
import picocli.CommandLine.Command;

/** {@code gates}: the truth tables of chapter 2's perceptrons. */
@Command(name = "gates", mixinStandardHelpOptions = true,
        description = "Print the AND, NAND, OR and XOR truth tables computed by the book's perceptrons (ch. 2).")
public final class GatesCommand implements Runnable {
    @Override
    public void run() {
        print("AND", Perceptrons::and);
        print("NAND", Perceptrons::nand);
        print("OR", Perceptrons::or);
        print("XOR (NAND, OR -> AND)", Perceptrons::xor);
    }

    private static void print(String name, IntBinaryOperator gate) {
        System.out.println(name);
        System.out.println("  x1 x2 | y");
        for (int x1 = 0; x1 <= 1; x1++) {
            for (int x2 = 0; x2 <= 1; x2++) {
                System.out.printf("   %d  %d | %d%n", x1, x2, gate.applyAsInt(x1, x2));
            }
        }
    }
}
