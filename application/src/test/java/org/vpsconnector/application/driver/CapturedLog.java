package org.vpsconnector.application.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The lines a class writes to its {@link System.Logger} while a test runs, each as an operator reads
 * it: "LEVEL message", the level named as {@link System.Logger.Level} names it. Without another
 * provider on the class path, a System.Logger writes to java.util.logging under the class's name.
 */
final class CapturedLog implements AutoCloseable {
    // Held here: java.util.logging keeps its loggers only weakly.
    private final Logger logger;
    private final Level levelBefore;
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(levelName(record.getLevel()) + " " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        levelBefore = logger.getLevel();
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Captures every line {@code source} logs, debug lines too, until closed. */
    static CapturedLog of(Class<?> source) {
        return new CapturedLog(source);
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The lines that start with {@code level}. */
    List<String> at(System.Logger.Level level) {
        return lines().stream().filter(line -> line.startsWith(level.getName() + " ")).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(levelBefore);
    }

    private static String levelName(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) {
            return System.Logger.Level.ERROR.getName();
        }
        if (level.intValue() >= Level.WARNING.intValue()) {
            return System.Logger.Level.WARNING.getName();
        }
        if (level.intValue() >= Level.INFO.intValue()) {
            return System.Logger.Level.INFO.getName();
        }
        if (level.intValue() >= Level.FINE.intValue()) {
            return System.Logger.Level.DEBUG.getName();
        }
        return System.Logger.Level.TRACE.getName();
    }
}
