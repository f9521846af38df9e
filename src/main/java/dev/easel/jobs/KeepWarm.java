package dev.easel.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.AccountEndpoint;
import dev.easel.api.EndpointChange;
import dev.easel.api.RunpodAccount;
import dev.easel.api.RunpodException;
import dev.easel.io.AtomicFiles;
import dev.easel.text.Refused;
import dev.easel.text.Text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * "Keep warm for 30 min": raises an endpoint's min workers so jobs start without a cold start, and gives the old
 * value back at the end. Active workers are billed every second they exist, so the old value is journaled (a small
 * file, written atomically) <em>before</em> the raise, and a journal found at the next start is restored at once
 * when its time is up: a crash or a closed laptop can't leave paid workers running past the next start. What
 * Runpod bills while Easel is not running is Runpod's: only Easel can give the value back.
 */
public final class KeepWarm {

    /**
     * A warm spell.
     *
     * @param previousMin the endpoint's min workers before
     * @param raisedMin   what Easel set it to
     */
    public record Warmth(String endpointId, int previousMin, int raisedMin, Instant until) {

        /** The extra workers billed while it lasts. */
        public int extraWorkers() {
            return Math.max(0, raisedMin - previousMin);
        }

        /** What the extra workers cost a minute at {@code pricePerSecond} each. */
        public double costPerMinute(double pricePerSecond) {
            return extraWorkers() * pricePerSecond * 60;
        }
    }

    /** What {@link #end} did. */
    public enum Ended {
        /** min workers is back to what it was. */
        RESTORED,
        /** Someone changed min workers meanwhile: their value was left alone. */
        CHANGED_ELSEWHERE,
        /** The endpoint is gone. */
        ENDPOINT_GONE,
        /** There was no warm spell. */
        NONE
    }

    private final Path journal;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    /** @param journal the file the warm spell is kept in, e.g. {@code <profile data>/keep-warm.json} */
    public KeepWarm(Path journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Raises the endpoint's min workers to {@code workers} (at least one more than now, at most its max) for
     * {@code length}; refused when its max is 0 (scaled down) or every worker is kept warm already. The journal is
     * written first; when the raise is surely refused it is removed again, and when it may have happened it stays,
     * to be restored.
     */
    public Warmth start(RunpodAccount account, String endpointId, int workers, Duration length) {
        if (current().isPresent()) {
            throw new IllegalStateException("a warm spell is already on");
        }
        AccountEndpoint e = account.endpoint(endpointId);
        if (e.workersMax() == 0) {
            throw new Refused(Text.of("warm.maxIsZero"));
        }
        if (e.workersMin() >= e.workersMax()) {
            throw new Refused(Text.of("warm.allWarm", e.workersMin()));
        }
        int raised = Math.min(Math.max(workers, e.workersMin() + 1), Math.max(1, e.workersMax()));
        Warmth w = new Warmth(endpointId, e.workersMin(), raised, clock.instant().plus(length));
        write(w);
        try {
            account.update(endpointId, new EndpointChange(null, raised, null, null));
        } catch (RunpodException refused) {
            if (refused.httpStatus() >= 400 && refused.httpStatus() < 500) {
                delete(); // not raised: nothing to give back
            }
            throw refused;
        }
        return w;
    }

    /** The warm spell on now (or left by a crash), if any. */
    public Optional<Warmth> current() {
        if (!Files.exists(journal)) {
            return Optional.empty();
        }
        try {
            JsonNode n = json.readTree(Files.readAllBytes(journal));
            return Optional.of(new Warmth(n.path("endpointId").asText(), n.path("previousMin").asInt(0),
                    n.path("raisedMin").asInt(0), Instant.parse(n.path("until").asText())));
        } catch (IOException | DateTimeParseException | NullPointerException damaged) {
            // a journal that can't be read can't be acted on; the endpoint's min stays as Runpod has it
            return Optional.empty();
        }
    }

    /** Whether the warm spell's time is up. */
    public boolean due() {
        return current().map(w -> !clock.instant().isBefore(w.until())).orElse(false);
    }

    /**
     * Gives the endpoint its old min workers back, unless someone else changed it since (theirs is kept), and
     * clears the journal. A failure to reach Runpod keeps the journal: the next try restores it.
     */
    public Ended end(RunpodAccount account) {
        Optional<Warmth> on = current();
        if (on.isEmpty()) {
            delete();
            return Ended.NONE;
        }
        Warmth w = on.get();
        AccountEndpoint e;
        try {
            e = account.endpoint(w.endpointId());
        } catch (RunpodException ex) {
            if (ex.kind() == RunpodException.Kind.ENDPOINT_NOT_FOUND) {
                delete();
                return Ended.ENDPOINT_GONE;
            }
            throw ex;
        }
        if (e.workersMin() != w.raisedMin()) {
            delete();
            return Ended.CHANGED_ELSEWHERE;
        }
        account.update(w.endpointId(), new EndpointChange(null, w.previousMin(), null, null));
        delete();
        return Ended.RESTORED;
    }

    /** At start: a warm spell left by a crash whose time is up is ended now; one still running is returned. */
    public Optional<Warmth> resume(RunpodAccount account) {
        if (due()) {
            end(account);
            return Optional.empty();
        }
        return current();
    }

    /** A sentence for what {@link #end} did. */
    public static Text said(Ended ended, Warmth w) {
        return switch (ended) {
            case RESTORED -> Text.of("warm.restored", w.previousMin());
            case CHANGED_ELSEWHERE -> Text.of("warm.changedElsewhere", w.raisedMin());
            case ENDPOINT_GONE -> Text.of("warm.gone");
            case NONE -> Text.of("warm.none");
        };
    }

    private void write(Warmth w) {
        ObjectNode n = json.createObjectNode();
        n.put("endpointId", w.endpointId());
        n.put("previousMin", w.previousMin());
        n.put("raisedMin", w.raisedMin());
        n.put("until", w.until().toString());
        try {
            Files.createDirectories(journal.getParent());
            AtomicFiles.write(journal, json.writeValueAsBytes(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void delete() {
        try {
            Files.deleteIfExists(journal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
