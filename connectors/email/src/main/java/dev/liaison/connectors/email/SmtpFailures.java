package dev.liaison.connectors.email;

import dev.liaison.connector.api.RemoteSystemException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Jakarta Mail failure into retryable or permanent. SMTP replies 5xx are permanent (the server will refuse the
 * same mail again), 4xx and lost connections are retryable. Server replies often quote the recipient, so addresses
 * are masked, and such exceptions are not chained as causes, which would carry the unmasked text into the logs.
 */
final class SmtpFailures {

    /** A bad login is a configuration error; retrying every few seconds would only get the account locked. */
    static final Duration AUTHENTICATION_BACKOFF = Duration.ofMinutes(15);

    private static final Pattern REPLY = Pattern.compile("^\\s*([245])\\d\\d[ -]");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");

    private SmtpFailures() {
    }

    static RemoteSystemException classify(MessagingException failure) {
        if (failure instanceof AuthenticationFailedException) {
            return RemoteSystemException.retryable(
                    "the SMTP server refused the mail session's credentials", AUTHENTICATION_BACKOFF);
        }
        Optional<String> reply = smtpReply(failure);
        if (reply.isPresent()) {
            boolean permanent = REPLY.matcher(reply.get()).lookingAt()
                    && reply.get().trim().charAt(0) == '5';
            String text = "the SMTP server answered: " + mask(reply.get());
            return permanent ? RemoteSystemException.permanent(text)
                    : RemoteSystemException.retryable(text, null);
        }
        if (failure instanceof SendFailedException sent && sent.getInvalidAddresses() != null
                && sent.getInvalidAddresses().length > 0) {
            return RemoteSystemException.permanent("the SMTP server refused the recipient address");
        }
        IOException io = ioCause(failure);
        if (io != null) {
            // Connection failures name the SMTP host and port, never a recipient, so the cause may be kept.
            return new RemoteSystemException("the SMTP server could not be reached: " + io.getClass().getSimpleName(),
                    true, null, io);
        }
        return RemoteSystemException.retryable("sending failed: " + mask(String.valueOf(failure.getMessage())), null);
    }

    static String mask(String text) {
        return ADDRESS.matcher(text).replaceAll(Matcher.quoteReplacement("***@***"));
    }

    /** The first SMTP reply line anywhere in the chain; Transport.send nests the server's answer in next-exceptions. */
    private static Optional<String> smtpReply(Exception failure) {
        for (Exception current = failure; current != null; current = next(current)) {
            String message = current.getMessage();
            if (message != null && REPLY.matcher(message).lookingAt()) {
                return Optional.of(message.lines().findFirst().orElse(message));
            }
        }
        return Optional.empty();
    }

    private static IOException ioCause(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static Exception next(Exception current) {
        if (current instanceof MessagingException messaging && messaging.getNextException() != current) {
            return messaging.getNextException();
        }
        return null;
    }
}
