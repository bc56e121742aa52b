package dev.liaison.connectors.email;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Session;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The mail session that config/wildfly/configure-mail.cli binds. It is looked up when the first mail is sent rather
 * than injected with {@code @Resource}: an injected resource that is missing fails the whole deployment, and a server
 * without mail configured should still run everything else, failing (retryably) only the mails it cannot send.
 */
@ApplicationScoped
public class JndiMailSession implements MailSessionSource {

    public static final String JNDI_NAME = "java:jboss/mail/liaison";

    @Override
    public Session session() {
        try {
            return (Session) new InitialContext().lookup(JNDI_NAME);
        } catch (NamingException e) {
            throw new IllegalStateException("no mail session is bound at " + JNDI_NAME
                    + "; apply config/wildfly/configure-mail.cli", e);
        }
    }
}
