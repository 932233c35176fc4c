package dev.scratchnet.runtime.data;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For fuzz test classes: replaying the seeds (plain {@code mvn test}) runs without Jazzer's sanitizer hooks, which
 * our parsers have no use for (they run no SQL, shell commands or reflection) and which take about 15 s per test JVM
 * to install. Fuzzing ({@code JAZZER_FUZZ} set) keeps them.
 */
public final class ReplaySeedsWithoutSanitizerHooks implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        String fuzz = System.getenv("JAZZER_FUZZ");
        if (fuzz == null || fuzz.isEmpty()) {
            System.setProperty("jazzer.hooks", "false");
        }
    }
}
