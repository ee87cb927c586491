package io.oven.workflows.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** CPU time of the PostgreSQL processes on this machine, read in /proc (the server runs beside the tests). */
final class PostgresCpu {

    private PostgresCpu() {
    }

    /** Nanoseconds of CPU: every PostgreSQL process, and those of {@code backends} among them. */
    static long[] nanos(Collection<Integer> backends) throws IOException {
        long all = 0;
        long of = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        all += ticks;
                        if (backends.contains(Integer.parseInt(p.getFileName().toString()))) {
                            of += ticks;
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        }
        // Clock ticks are 10 ms on Linux.
        return new long[]{all * 10_000_000L, of * 10_000_000L};
    }

    /** Nanoseconds of CPU every process on the machine used: user, nice, system, irq and softirq ticks of /proc/stat. */
    static long machine() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal ...
        long ticks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
        return ticks * 10_000_000L;
    }
}
