package dev.berth.transport.internal;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs an action when a time passes unless it was disarmed first: the deadlines of client views and the call
 * timeout. One daemon thread for the whole JVM, started by the first deadline (a client with no limits never starts
 * it), waits for the earliest; an action runs on it and must be short (it closes a socket).
 */
public final class Watchdog {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Condition CHANGED = LOCK.newCondition();
    private static final PriorityQueue<Entry> QUEUE = new PriorityQueue<>(
            (a, b) -> Long.compare(a.nanoTime - b.nanoTime, 0));
    private static Thread thread;

    private Watchdog() {
    }

    /** An armed deadline; {@link #disarm()} before it passes keeps its action from running. */
    public static final class Entry {
        private final long nanoTime;
        private final Runnable action;
        private boolean done;

        private Entry(long nanoTime, Runnable action) {
            this.nanoTime = nanoTime;
            this.action = action;
        }

        /** Keeps the action from running, unless it already ran or is running; any number of times. */
        public void disarm() {
            LOCK.lock();
            try {
                if (!done) {
                    done = true;
                    QUEUE.remove(this);
                }
            } finally {
                LOCK.unlock();
            }
        }
    }

    /**
     * Runs {@code action} on the watchdog's thread at {@code nanoTime} ({@link System#nanoTime()} terms).
     *
     * @return the entry that disarms it
     */
    public static Entry arm(long nanoTime, Runnable action) {
        Entry e = new Entry(nanoTime, action);
        LOCK.lock();
        try {
            QUEUE.add(e);
            if (thread == null) {
                thread = new Thread(Watchdog::run, "berth-watchdog");
                thread.setDaemon(true);
                thread.start();
            }
            if (QUEUE.peek() == e) {
                CHANGED.signal();
            }
        } finally {
            LOCK.unlock();
        }
        return e;
    }

    private static void run() {
        while (true) {
            Entry due;
            LOCK.lock();
            try {
                due = QUEUE.peek();
                long wait = due == null ? TimeUnit.SECONDS.toNanos(60) : due.nanoTime - System.nanoTime();
                if (wait > 0) {
                    CHANGED.awaitNanos(wait);
                    continue;
                }
                QUEUE.poll();
                due.done = true;
            } catch (InterruptedException e) {
                continue; // nobody interrupts this thread on purpose; it serves every client of the JVM
            } finally {
                LOCK.unlock();
            }
            try {
                due.action.run();
            } catch (RuntimeException e) {
                // an action only closes sockets; a failure there must not stop the deadlines of other calls
            }
        }
    }
}
