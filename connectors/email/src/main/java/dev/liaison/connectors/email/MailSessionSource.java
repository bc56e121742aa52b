package dev.liaison.connectors.email;

import jakarta.mail.Session;

/**
 * Where the Jakarta Mail session comes from. In WildFly it is the mail subsystem's session ({@link JndiMailSession});
 * tests pass a session pointing at GreenMail. Host, port, TLS and credentials live in that session, not in Liaison.
 */
@FunctionalInterface
public interface MailSessionSource {

    /** @throws IllegalStateException when no session is configured; sending may work once an operator adds one */
    Session session();
}
