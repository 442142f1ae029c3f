package io.meshgate.cluster;

/** Work a draining node waits for before it leaves: implemented by the parts that hold some. */
public interface DrainWork {

    /** What this part still holds (requests pending or running); 0 when it is done. */
    int remaining();
}
