package dev.berth.internal;

import dev.berth.model.BuildEvent;
import dev.berth.model.BuildStep;
import dev.berth.model.LogLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Folds BuildKit's progress messages, which repeat a step's whole state each time it changes, into events: each
 * step's start, cache hit, end or failure once, its output as whole lines, warnings. Remembers each step's last lines
 * and which step failed, for {@link dev.berth.errors.BuildFailedException}.
 */
public final class BuildProgress {
    /** Lines kept per step for the failure report. */
    static final int KEPT_LINES = 20;

    private final Consumer<BuildEvent> listener;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private Step failed;

    public BuildProgress(Consumer<BuildEvent> listener) {
        this.listener = listener;
    }

    private static final class Step {
        final BuildStep step;
        Instant started;
        boolean startReported;
        boolean ended;
        final Map<Long, ByteArrayOutputStream> partial = new HashMap<>();
        final Deque<String> lastLines = new ArrayDeque<>();

        Step(BuildStep step) {
            this.step = step;
        }
    }

    public void accept(BuildTrace.Status status) {
        for (BuildTrace.Vertex v : status.vertexes()) {
            vertex(v);
        }
        for (BuildTrace.VertexLog l : status.logs()) {
            log(l);
        }
        for (BuildTrace.VertexWarning w : status.warnings()) {
            Step s = steps.get(w.vertex());
            listener.accept(new BuildEvent.Warning(s == null ? null : s.step, w.message(), w.url()));
        }
    }

    private Step step(String digest, String name) {
        Step s = steps.get(digest);
        if (s == null) {
            s = new Step(new BuildStep(steps.size() + 1, name, digest));
            steps.put(digest, s);
        }
        return s;
    }

    private void vertex(BuildTrace.Vertex v) {
        Step s = step(v.digest(), v.name());
        if (s.ended) {
            return;
        }
        if (v.started() != null && s.started == null) {
            s.started = v.started();
        }
        if (v.cached()) {
            s.ended = true;
            listener.accept(new BuildEvent.StepCached(s.step));
            return;
        }
        if (s.started != null && !s.startReported) {
            s.startReported = true;
            listener.accept(new BuildEvent.StepStarted(s.step, s.started));
        }
        if (v.completed() != null) {
            flush(s);
            s.ended = true;
            Duration took = s.started == null ? Duration.ZERO : Duration.between(s.started, v.completed());
            if (v.error().isEmpty()) {
                listener.accept(new BuildEvent.StepFinished(s.step, took));
            } else {
                if (failed == null || !isCancellation(v.error())) {
                    failed = s;
                }
                listener.accept(new BuildEvent.StepFailed(s.step, v.error(), took));
            }
        }
    }

    /** Steps still running when another fails end as "canceled"; the one that failed is what the user wants. */
    private static boolean isCancellation(String error) {
        return error.contains("context canceled");
    }

    private void log(BuildTrace.VertexLog l) {
        Step s = step(l.vertex(), "");
        ByteArrayOutputStream buf = s.partial.computeIfAbsent(l.stream(), k -> new ByteArrayOutputStream());
        Instant at = l.timestamp();
        for (byte b : l.msg()) {
            if (b == '\n') {
                line(s, l.stream(), buf, at);
            } else {
                // a step that never ends a line (cat /dev/zero) must not grow memory: cut where container logs are
                // cut, before a byte that starts a character, so no UTF-8 sequence is split
                if (buf.size() >= LogLines.DEFAULT_MAX_LINE && (b & 0xC0) != 0x80) {
                    line(s, l.stream(), buf, at);
                }
                buf.write(b);
            }
        }
    }

    private void line(Step s, long stream, ByteArrayOutputStream buf, Instant at) {
        String text = buf.toString(StandardCharsets.UTF_8);
        buf.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        s.lastLines.addLast(text);
        if (s.lastLines.size() > KEPT_LINES) {
            s.lastLines.removeFirst();
        }
        Duration since = s.started == null || at == null ? Duration.ZERO : Duration.between(s.started, at);
        listener.accept(new BuildEvent.StepLog(s.step, stream == 2 ? LogLine.Source.STDERR : LogLine.Source.STDOUT,
                text, since.isNegative() ? Duration.ZERO : since));
    }

    /** Hands on what a step wrote after its last line end. */
    private void flush(Step s) {
        for (Map.Entry<Long, ByteArrayOutputStream> e : s.partial.entrySet()) {
            if (e.getValue().size() > 0) {
                line(s, e.getKey(), e.getValue(), null);
            }
        }
    }

    /** The build ended: hands on every step's unfinished last line. */
    public void finish() {
        for (Step s : steps.values()) {
            flush(s);
        }
    }

    /**
     * The step that failed: the one BuildKit reported with an error (not merely canceled because another failed),
     * else the last one that started and never ended; null when none.
     */
    public BuildStep failedStep() {
        if (failed != null) {
            return failed.step;
        }
        Step running = null;
        for (Step s : steps.values()) {
            if (s.started != null && !s.ended) {
                running = s;
            }
        }
        return running == null ? null : running.step;
    }

    /** The last lines (at most {@value #KEPT_LINES}) the step wrote. */
    public List<String> lastLines(BuildStep step) {
        Step s = step == null ? null : steps.get(step.digest());
        return s == null ? List.of() : List.copyOf(new ArrayList<>(s.lastLines));
    }
}
