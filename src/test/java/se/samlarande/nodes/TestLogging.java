package se.samlarande.nodes;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/** The integration tests' own JVM: the embedded PostgreSQL and GreenMail talk at INFO; warnings are enough. */
final class TestLogging {

    private TestLogging() {
    }

    static void quiet(String loggerName) {
        if (LoggerFactory.getLogger(loggerName) instanceof Logger logger) {
            logger.setLevel(Level.WARN);
        }
    }
}
