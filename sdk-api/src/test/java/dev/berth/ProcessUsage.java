package dev.berth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Open file descriptors and live threads of this test JVM, for the ITs that prove a call leaves nothing behind.
 * Threads named in {@code notCounted} (the JDK's and JUnit's own helpers) are listed but not counted.
 */
record ProcessUsage(int fds, int threads, List<String> fdTargets, List<String> threadNames) {

    static ProcessUsage now(Set<String> notCounted) {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    targets.add("?"); // the listing's own descriptor, closed by now
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot count file descriptors (/proc/self/fd)", e);
        }
        List<String> names = threadNameList();
        int counted = (int) names.stream().filter(n -> !notCounted.contains(n)).count();
        return new ProcessUsage(targets.size(), counted, targets, names);
    }

    /** Usage after a GC and a short settle, taken when two readings 200 ms apart agree (or after 3 s). */
    static ProcessUsage settle(Set<String> notCounted) throws InterruptedException {
        ProcessUsage last = null;
        for (int i = 0; i < 15; i++) {
            System.gc();
            Thread.sleep(200);
            ProcessUsage u = now(notCounted);
            if (last != null && u.fds == last.fds && u.threads == last.threads) {
                return u;
            }
            last = u;
        }
        return last;
    }

    static String liveThreadNames() {
        return threadNameList().toString();
    }

    private static List<String> threadNameList() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
    }
}
