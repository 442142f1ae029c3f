/**
 * Running business services: the handler SPI ({@link io.meshgate.service.MeshService},
 * {@link io.meshgate.service.ServiceHandler}, and {@link io.meshgate.service.Pushes}, the server
 * push API a handler injects, implemented by {@code io.meshgate.push}), the request listener, the dispatcher that sees
 * each request to one reply, the load filter ({@link io.meshgate.service.AdmissionPolicy}), each
 * service's {@link io.meshgate.service.Delivery} semantics, and the node's {@link io.meshgate.service.Intake}
 * (closed while it drains: requests are passed back to their topic; no client sessions until the
 * node has warmed up).
 *
 * <p>Threading: the request listener's threads (a pool of {@code consumers} per service) call the
 * dispatcher; it keeps no per-request state beyond the in-flight counter in
 * {@link io.meshgate.service.NodeLoad}. Depends on {@code envelope}, {@code messaging},
 * {@code metrics}; never on {@code cluster}, {@code routing} or {@code channel}.
 */
package io.meshgate.service;
