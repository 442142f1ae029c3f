/**
 * Running business services. The handler SPI ({@link io.meshgate.service.MeshService},
 * {@link io.meshgate.service.ServiceHandler}, {@link io.meshgate.service.ServiceCall},
 * {@link io.meshgate.service.Delivery}, and {@link io.meshgate.service.Pushes}, the server push API a
 * handler injects, implemented by {@code io.meshgate.push}) ships in the meshgate-service-api jar,
 * with {@link io.meshgate.service.ServiceRequests}, where the message-driven bean that
 * {@code MeshServiceProcessor} generates for each service hands its messages. This module holds the
 * rest: the {@link io.meshgate.service.RequestListener} behind those beans,
 * {@link io.meshgate.service.RequestBatches}, which runs a batch's members or puts them back on
 * their topic (a redelivered batch's at-most-once members are answered {@code INTERRUPTED}
 * instead: they may have been put back before), the {@link io.meshgate.service.ReplySender}, which batches replies to one node, the dispatcher that sees
 * each request to one reply, the load filter ({@link io.meshgate.service.AdmissionPolicy}), each
 * service's {@link io.meshgate.service.Delivery} semantics, and the node's {@link io.meshgate.service.Intake}
 * (closed while it drains: requests are passed back to their topic; no client sessions until the
 * node has warmed up).
 *
 * <p>Threading: the generated beans' threads (a pool of {@code consumers} per service) call the
 * request listener and the dispatcher, and send replies (a thread that finds a reply destination
 * busy waits until its reply has left with another thread's send); the dispatcher keeps no per-request state beyond the in-flight counter in
 * {@link io.meshgate.service.NodeLoad}. Depends on {@code envelope}, {@code messaging},
 * {@code metrics}; never on {@code cluster}, {@code routing} or {@code channel}.
 */
package io.meshgate.service;
