package io.meshgate.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The connection factory a node sends with: a server seam. By default the one {@link JmsSender}
 * defines on the deployed adapter ({@value JmsSender#FACTORY}, Payara). On a server whose factory
 * defined by annotation cannot be set up as meshgate needs, the operator's own factory, named by
 * {@code meshgate.jms.connectionFactory}: on WildFly, the messaging subsystem's pooled connection
 * factory {@code java:jboss/jms/meshgate-ra}, since a factory defined by annotation there keeps the
 * Artemis 1.x address prefixes (WildFly ignores {@code enable-amq1-prefix} on it, WFLYMSGAMQ0015),
 * and a node sending to {@code jms.topic.meshgate.control} would silently leave the cluster.
 * Looked up once at start-up; a name that does not resolve fails the deployment.
 *
 * <p>And the node's login: against a broker that requires a password (the broker image), every
 * connection the node makes itself logs in as {@code meshgate.broker.user} with the password in
 * {@code meshgate.broker.passwordFile} (the server's adapter logs its listeners in with its own
 * settings, which the images set from the same file). Without the file, connections log in as no
 * one, as an open broker (bin/meshgate's) expects. The password never leaves this class.
 *
 * <p>Thread-safe.
 */
@ApplicationScoped
public class BrokerConnectionFactory {

    @Resource(lookup = JmsSender.FACTORY)
    private ConnectionFactory defined;
    @Inject
    @ConfigProperty(name = "meshgate.jms.connectionFactory", defaultValue = JmsSender.FACTORY)
    String name;
    @Inject
    @ConfigProperty(name = "meshgate.broker.user", defaultValue = "meshgate")
    String user;
    @Inject
    @ConfigProperty(name = "meshgate.broker.passwordFile")
    Optional<String> passwordFile;

    private ConnectionFactory factory;
    /** The broker's password, or null for a broker without one. */
    private String password;

    @PostConstruct
    void init() {
        factory = name.equals(JmsSender.FACTORY) ? defined : lookup(name);
        password = passwordFile.map(BrokerConnectionFactory::readPassword).orElse(null);
    }

    /** The factory to create connections with. */
    public ConnectionFactory get() {
        return factory;
    }

    /** A context of {@link #get()}, logged in when the broker has a password. */
    public JMSContext createContext(int sessionMode) {
        return password == null ? factory.createContext(sessionMode)
                : factory.createContext(user, password, sessionMode);
    }

    /** A connection of another factory of this broker (the broker watch's), logged in as {@link #createContext} is. */
    public Connection createConnection(ConnectionFactory other) throws JMSException {
        return password == null ? other.createConnection() : other.createConnection(user, password);
    }

    /** Who the node logs in as, for messages (never the password). */
    public String login() {
        return password == null ? "no one (no meshgate.broker.passwordFile)"
                : "'" + user + "' with the password in " + passwordFile.get();
    }

    private static String readPassword(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("meshgate.broker.passwordFile " + file + " cannot be read", e);
        }
    }

    private static ConnectionFactory lookup(String name) {
        try {
            Object found = new InitialContext().lookup(name);
            if (found instanceof ConnectionFactory f) {
                return f;
            }
            throw new IllegalStateException("meshgate.jms.connectionFactory=" + name + " names a "
                    + found.getClass().getName() + ", not a JMS connection factory");
        } catch (NamingException e) {
            throw new IllegalStateException("meshgate.jms.connectionFactory=" + name + ": nothing bound there", e);
        }
    }
}
