package dev.easel;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.easel.api.Redaction;

/**
 * Logback converters that pass every logged message and stack trace through {@link Redaction}: a key a server
 * echoed into an error, or any text holding one, never reaches the log file or the console.
 */
public final class RedactingLogConverters {

    private RedactingLogConverters() {
    }

    /** {@code %msg}, redacted. */
    public static final class Message extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return Redaction.redact(super.convert(event));
        }
    }

    /** {@code %ex}, redacted: exception messages carry server text too. */
    public static final class Throwable extends ThrowableProxyConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return Redaction.redact(super.convert(event));
        }
    }
}
