package io.meshgate.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * CPU time a process and its descendants have used, read from {@code /proc/<pid>/stat} (user plus
 * system time, in clock ticks of 10 ms on Linux), or this process alone from the JDK's
 * {@link ProcessHandle.Info#totalCpuDuration()}. Zero for a process that is gone.
 */
final class ProcessCpu {

    /** Linux's USER_HZ: clock ticks per second in /proc/&lt;pid&gt;/stat. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** CPU microseconds used so far by a process and its descendants. */
    static long micros(long pid) {
        return overTree(pid, ProcessCpu::ticks) * 1_000_000 / TICKS_PER_SECOND;
    }

    /**
     * CPU microseconds used so far by this process alone (not its children: the load generator's
     * own), from the JDK's account of it; zero where the platform does not tell.
     */
    static long selfMicros() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1_000).orElse(0L);
    }

    /** A per-process figure summed over a process and its descendants (nginx's workers, for example). */
    static long overTree(long pid, LongUnaryOperator figure) {
        long total = figure.applyAsLong(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of())) {
            total += figure.applyAsLong(child.pid());
        }
        return total;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
