/**
 * The sample services every node hosts: {@code echo}, {@code time}, {@code work} (synthetic CPU
 * cost, delay and failure, for load and failure tests), {@code work-once} (the same, declared
 * at-most-once) and {@code notify} (server push on request: to the calling session, to the
 * caller's identity, or to a topic's subscribers). {@code echo} and {@code work} record each run in the
 * {@link io.meshgate.service.samples.ExecutionJournal} when it is switched on, so that the fault
 * checker can count requests that ran twice.
 *
 * <p>Threading: handlers run on the request listener's threads and keep no state; the journal
 * appends under a lock.
 */
package io.meshgate.service.samples;
