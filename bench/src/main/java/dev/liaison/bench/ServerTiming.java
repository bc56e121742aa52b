package dev.liaison.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the console's {@code Server-Timing} header ({@code app;dur=12.3}): the server's own time for a page, from
 * the request reaching the application to the page rendered, without the network and the client.
 */
final class ServerTiming {

    private static final Pattern APP = Pattern.compile("(?:^|,)\\s*app\\s*;(?:[^,]*;)?\\s*dur=([0-9]+(?:\\.[0-9]+)?)");

    private ServerTiming() {
    }

    /** The {@code app} metric's duration in milliseconds; empty when the header has none. */
    static Optional<Double> appMillis(String header) {
        Matcher app = APP.matcher(header);
        return app.find() ? Optional.of(Double.parseDouble(app.group(1))) : Optional.empty();
    }
}
