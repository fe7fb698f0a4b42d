package dev.berth.examples;

import dev.berth.ContainerQuery;
import dev.berth.Docker;
import dev.berth.EventQuery;
import dev.berth.Logs;
import dev.berth.model.ContainerSummary;
import dev.berth.model.Event;
import dev.berth.model.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code docker logs -f} for every container carrying a label, including the ones started after the tail began:
 * it follows the running ones, then watches {@code docker events} for {@code start} events with that label and
 * follows each new one too, printing {@code name | line}. Streams are pull-based: the main thread reads the events,
 * and one pooled thread reads each followed container's log (a follow ends by itself when its container stops).
 * After the given time the event stream ends (its {@code until}), every open log stream is closed, and the pool is
 * shut down.
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=dev.berth.examples.LabelTail -Dexec.args="app=web 60"
 * }</pre>
 *
 * Arguments: the label as {@code key} or {@code key=value} (default {@code dev.berth.example=label-tail}), how many
 * seconds to run (default 60). It creates nothing.
 */
public final class LabelTail {
    private final Docker docker;
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final Map<String, Stream<LogLine>> open = new ConcurrentHashMap<>();  // container id -> its log stream
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();        // when a follow ended, for restarts
    private volatile boolean stopping;

    private LabelTail(Docker docker) {
        this.docker = docker;
    }

    /**
     * Runs the tail.
     *
     * @param args a label, a number of seconds (both optional)
     */
    public static void main(String[] args) throws Exception {
        String label = args.length > 0 ? args[0] : "dev.berth.example=label-tail";
        Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        Instant begin = Instant.now();
        try (Docker docker = Docker.connect()) {
            LabelTail tail = new LabelTail(docker);
            EventQuery starts = EventQuery.since(begin).withUntil(begin.plus(duration))   // the stream ends at until
                    .withFilter("type", "container").withFilter("event", "start").withFilter("label", label);
            try (Stream<Event> events = docker.system().events(starts)) {           // asked first: no start is missed
                System.out.println("tailing containers labelled " + label + " for " + duration.toSeconds() + " s");
                for (ContainerSummary c : docker.containers().list(ContainerQuery.running().label(label))) {
                    tail.follow(c.id(), c.name(), begin);                           // from now on, as --since
                }
                events.forEach(e -> tail.follow(e.actor().id(), e.actor().attributes().get("name"), null));
            } finally {
                tail.stop();
            }
        }
        System.out.println("tail ended");
    }

    /** Follows a container's log in a pooled thread, unless it is followed already. */
    private void follow(String id, String name, Instant since) {
        if (stopping || open.containsKey(id)) {
            return;
        }
        Instant from = since != null ? since : ended.get(id);     // a restarted container: only what is new
        Logs follow = docker.containers().logs(id).follow();
        Logs logs = from != null ? follow.since(from) : follow;
        open.put(id, Stream.empty());                             // claimed: later start events of it are ignored
        readers.submit(() -> {
            try (Stream<LogLine> lines = logs.lines()) {
                open.put(id, lines);
                if (!stopping) {                                  // stop() closes what it finds in open
                    lines.forEach(line -> System.out.println(name + " | " + line.text()));
                }
            } catch (RuntimeException e) {
                if (!stopping) {
                    System.out.println(name + " | (log ended: " + e.getMessage() + ")");
                }
            } finally {
                ended.put(id, Instant.now());
                open.remove(id);
            }
        });
    }

    /** Closes every open log stream (ending its blocked read at once) and waits for the readers. */
    private void stop() throws InterruptedException {
        stopping = true;
        open.values().forEach(Stream::close);
        readers.shutdown();
        if (!readers.awaitTermination(10, TimeUnit.SECONDS)) {
            readers.shutdownNow();
        }
    }
}
