package org.vpsconnector.application.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The lines a class logs through {@link System.Logger}, as an operator reads them, while the
 * capture is open: each as its level and its message, with its exception when one was logged.
 * The JDK's default {@link System.Logger} writes to java.util.logging, where this listens.
 */
public final class CapturedLog implements AutoCloseable {
    /** One logged line; {@code level} is the System.Logger level it was logged at. */
    public record Line(System.Logger.Level level, String message, Throwable thrown) {
        @Override
        public String toString() {
            return level + " " + message;
        }
    }

    private final Logger logger;
    private final Level levelBefore;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(new Line(levelOf(record.getLevel()), record.getMessage(), record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(Class<?> of) {
        this.logger = Logger.getLogger(of.getName());
        this.levelBefore = logger.getLevel();
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Captures every line {@code of} logs, debug lines included, until closed. */
    public static CapturedLog of(Class<?> of) {
        return new CapturedLog(of);
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Every line as an operator reads it, "LEVEL message", in order. */
    public List<String> said() {
        return lines.stream().map(Line::toString).toList();
    }

    /** The lines logged at {@code level} as an operator reads them, "LEVEL message", in order. */
    public List<String> saidAt(System.Logger.Level level) {
        return lines.stream().filter(line -> line.level() == level).map(Line::toString).toList();
    }

    /** The messages logged at {@code level}, in order. */
    public List<String> at(System.Logger.Level level) {
        return lines.stream().filter(line -> line.level() == level).map(Line::message).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(levelBefore);
    }

    private static System.Logger.Level levelOf(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return System.Logger.Level.ERROR;
        }
        if (value >= Level.WARNING.intValue()) {
            return System.Logger.Level.WARNING;
        }
        if (value >= Level.INFO.intValue()) {
            return System.Logger.Level.INFO;
        }
        if (value >= Level.FINE.intValue()) {
            return System.Logger.Level.DEBUG;
        }
        return System.Logger.Level.TRACE;
    }
}
