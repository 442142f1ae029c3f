/**
 * {@code bin/meshgate} and the local cluster it manages: the embedded broker process, Payara Micro
 * node processes, nginx, and the state file that lets later commands find them. The cluster tests
 * use {@link io.meshgate.launcher.LocalCluster} too. Not packaged in the WAR.
 *
 * <p>Threading: commands are single-threaded except node start-up, which waits for the nodes in
 * parallel.
 */
package io.meshgate.launcher;
