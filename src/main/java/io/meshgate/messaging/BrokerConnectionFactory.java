package io.meshgate.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
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
 * Looked up once at start-up; a name that does not resolve fails the deployment. Thread-safe.
 */
@ApplicationScoped
public class BrokerConnectionFactory {

    @Resource(lookup = JmsSender.FACTORY)
    private ConnectionFactory defined;
    @Inject
    @ConfigProperty(name = "meshgate.jms.connectionFactory", defaultValue = JmsSender.FACTORY)
    String name;

    private ConnectionFactory factory;

    @PostConstruct
    void init() {
        factory = name.equals(JmsSender.FACTORY) ? defined : lookup(name);
    }

    /** The factory to create connections with. */
    public ConnectionFactory get() {
        return factory;
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
