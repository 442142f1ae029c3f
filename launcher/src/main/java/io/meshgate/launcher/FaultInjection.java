package io.meshgate.launcher;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A fault run's fault on a thread of its own: waits for its time, notes which node holds each
 * session, tells the ledger, and injects the fault (which may take long: restarts wait for
 * readiness). Read its fields after {@link #join()}.
 */
final class FaultInjection implements Runnable {

    private final Fault fault;
    private final List<io.meshgate.client.MeshgateClient> sessions;
    private final ChaosLedger ledger;
    private final long start;
    private final long at;
    private final Thread thread = new Thread(this, "chaos-fault");
    private volatile List<String> nodesBefore;
    private volatile long atMs = -1;
    private volatile long endMs = -1;
    private volatile Exception error;
    private volatile boolean cancelled;

    /** An injection at {@code at} (System.nanoTime) of a run that began at {@code start}. */
    FaultInjection(Fault fault, List<io.meshgate.client.MeshgateClient> sessions, ChaosLedger ledger, long start, long at) {
        this.fault = fault;
        this.sessions = sessions;
        this.ledger = ledger;
        this.start = start;
        this.at = at;
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Gives the injection up if it has not begun (the traffic failed). */
    void cancel() {
        cancelled = true;
        LockSupport.unpark(thread);
    }

    /** Waits until the injection is over (or was given up). */
    void join() throws InterruptedException {
        thread.join();
    }

    @Override
    public void run() {
        for (long wait = at - System.nanoTime(); wait > 0 && !cancelled; wait = at - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        if (cancelled) {
            return;
        }
        nodesBefore = sessions.stream().map(io.meshgate.client.MeshgateClient::node).toList();
        atMs = ChaosTraffic.ms(System.nanoTime(), start);
        ledger.faultInjected(atMs);
        try {
            fault.inject(nodesBefore);
            endMs = ChaosTraffic.ms(System.nanoTime(), start);
            ledger.faultEnded(endMs);
        } catch (Exception e) {
            error = e;
        } catch (LinkageError e) {
            error = new IllegalStateException("the fault could not run (were the classes rebuilt during the run?)", e);
        }
    }

    /** The node of each session just before the fault, or null when it never came. */
    List<String> nodesBefore() {
        return nodesBefore;
    }

    /** When the fault was injected, in ms after the run began; -1 if it never was. */
    long atMs() {
        return atMs;
    }

    /** When the injection was over, in ms after the run began; -1 if it failed or never came. */
    long endMs() {
        return endMs;
    }

    /** Why the injection failed, or null. */
    Exception error() {
        return error;
    }
}
