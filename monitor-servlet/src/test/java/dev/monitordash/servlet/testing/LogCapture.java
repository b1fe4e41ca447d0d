package dev.monitordash.servlet.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what a java.util.logging logger (Tomcat's and Jetty's JULI) logs at WARNING and above. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    public LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        setLevel(Level.WARNING);
        logger.addHandler(this);
    }

    public List<String> warnings() {
        return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            String text = record.getMessage();
            if (record.getParameters() != null) {
                text = java.text.MessageFormat.format(text, record.getParameters());
            }
            messages.add(text);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
