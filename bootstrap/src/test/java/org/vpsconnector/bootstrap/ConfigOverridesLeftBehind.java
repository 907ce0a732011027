package org.vpsconnector.bootstrap;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test class that leaves Dropwizard configuration overrides ({@code dw.*} system
 * properties) behind, and removes them: left in place they would reach the configuration of every
 * later test in the JVM, which would then fail for a reason of another class. Registered for every
 * test class (junit-platform.properties, extension auto-detection).
 */
public final class ConfigOverridesLeftBehind implements AfterAllCallback {
    private static final String PREFIX = "dw.";

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getParent().flatMap(ExtensionContext::getParent).isPresent()) {
            return; // a nested class: the overrides of its enclosing class's app are still in use
        }
        List<String> left = System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(PREFIX))
                .sorted()
                .toList();
        left.forEach(System::clearProperty);
        if (!left.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " left configuration overrides behind: " + left);
        }
    }
}
