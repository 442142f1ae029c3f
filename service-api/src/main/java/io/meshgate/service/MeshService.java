package io.meshgate.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean implementing {@link ServiceHandler} as the handler of a business service.
 * This is all a service needs: at build time meshgate generates the message-driven bean that
 * takes the service's requests from {@code meshgate.service.<id>}, and at run time the node
 * announces that it hosts the service.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @MeshService("orders")
 * public class Orders implements ServiceHandler { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MeshService {

    /** The service id: lower-case letters, digits, '.', '_' and '-', starting alphanumeric. */
    String value();

    /** How many requests of this service one node takes from the broker at once. */
    int consumers() default 8;

    /**
     * Whether this service's answers may be compressed before they are sealed. Compression before
     * encryption makes a frame's size depend on its content: switch it off for a service whose
     * answers mix secrets with data an attacker can influence.
     */
    boolean compress() default true;

    /**
     * Whether a request may run again after its processing node died mid-request
     * ({@link Delivery#AT_LEAST_ONCE}, the default) or must not ({@link Delivery#AT_MOST_ONCE}).
     */
    Delivery delivery() default Delivery.AT_LEAST_ONCE;
}
