/**
 * The annotation processor that gives each {@code @MeshService} class its message-driven bean at
 * compile time (see {@link io.meshgate.service.processor.MeshServiceProcessor}). Found by javac
 * through {@code META-INF/services} whenever meshgate-service-api is on the compile class path.
 *
 * <p>Threading: run by the compiler on one thread.
 */
package io.meshgate.service.processor;
