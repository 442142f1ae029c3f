/**
 * Build-time generation of {@code WEB-INF/ejb-jar.xml} from the {@code @MeshService} classes.
 * Not packaged in the WAR.
 *
 * <p>Threading: single-threaded, run once by the build.
 */
package io.meshgate.service.descriptor;
