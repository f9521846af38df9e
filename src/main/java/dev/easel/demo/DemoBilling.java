package dev.easel.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The demo's {@code GET /v2/billing/serverless}: time buckets (UTC) snapped as Runpod snaps them, one record per
 * endpoint per bucket, amounts from billed worker-milliseconds × the endpoint's price per second.
 */
final class DemoBilling {

    /** The resolved query: buckets from {@code start} (inclusive) to {@code end} (exclusive). */
    record Window(Instant start, Instant end, String bucket) { }

    private DemoBilling() {
    }

    /** The window a query asks for; throws IllegalArgumentException with Runpod's words for a bad one. */
    static Window window(Map<String, String> q, Instant now) {
        String bucket = q.getOrDefault("bucketSize", "day");
        if (!List.of("hour", "day", "week", "month", "year").contains(bucket)) {
            throw new IllegalArgumentException("bucketSize must be one of hour, day, week, month, year");
        }
        if (q.containsKey("lastN") && (q.containsKey("startTime") || q.containsKey("endTime"))) {
            throw new IllegalArgumentException("lastN cannot be combined with startTime or endTime");
        }
        if (q.containsKey("lastN")) {
            int n;
            try {
                n = Integer.parseInt(q.get("lastN"));
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new IllegalArgumentException("lastN must be an integer >= 1");
            }
            Instant end = next(snap(now, bucket), bucket);
            Instant start = end;
            for (int i = 0; i < n; i++) {
                start = previous(start, bucket);
            }
            return new Window(start, end, bucket);
        }
        Instant start = q.containsKey("startTime") ? parse(q.get("startTime")) : now.minus(Duration.ofDays(30));
        Instant end = q.containsKey("endTime") ? parse(q.get("endTime")) : now;
        Instant snappedEnd = snap(end, bucket).equals(end) ? end : next(snap(end, bucket), bucket);
        return new Window(snap(start, bucket), snappedEnd, bucket);
    }

    private static Instant parse(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not an RFC 3339 date-time");
        }
    }

    static Instant snap(Instant t, String bucket) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return switch (bucket) {
            case "hour" -> z.truncatedTo(ChronoUnit.HOURS).toInstant();
            case "week" -> z.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .toInstant();
            case "month" -> z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
            case "year" -> z.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).toInstant();
            default -> z.truncatedTo(ChronoUnit.DAYS).toInstant();
        };
    }

    private static Instant next(Instant t, String bucket) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return switch (bucket) {
            case "hour" -> z.plusHours(1).toInstant();
            case "week" -> z.plusWeeks(1).toInstant();
            case "month" -> z.plusMonths(1).toInstant();
            case "year" -> z.plusYears(1).toInstant();
            default -> z.plusDays(1).toInstant();
        };
    }

    private static Instant previous(Instant t, String bucket) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return switch (bucket) {
            case "hour" -> z.minusHours(1).toInstant();
            case "week" -> z.minusWeeks(1).toInstant();
            case "month" -> z.minusMonths(1).toInstant();
            case "year" -> z.minusYears(1).toInstant();
            default -> z.minusDays(1).toInstant();
        };
    }

    /**
     * The answer for billed milliseconds per endpoint per epoch hour. Endpoints with nothing billed in the window
     * have no records.
     */
    static ObjectNode answer(ObjectMapper json, Window w, Map<String, Map<Long, Long>> billedMs,
                             ToDoubleFunction<String> perSecond, String onlyId) {
        ObjectNode n = json.createObjectNode();
        ArrayNode records = n.putArray("records");
        double total = 0;
        int endpoints = 0;
        List<Instant> starts = new ArrayList<>();
        for (Instant t = w.start(); t.isBefore(w.end()); t = next(t, w.bucket())) {
            starts.add(t);
        }
        for (var e : billedMs.entrySet()) {
            double rate = perSecond.applyAsDouble(e.getKey());
            List<double[]> amounts = new ArrayList<>();
            boolean any = false;
            for (Instant s : starts) {
                Instant end = next(s, w.bucket());
                long ms = 0;
                for (var h : e.getValue().entrySet()) {
                    Instant at = Instant.ofEpochSecond(h.getKey() * 3600);
                    if (!at.isBefore(s) && at.isBefore(end)) {
                        ms += h.getValue();
                    }
                }
                any |= ms > 0;
                amounts.add(new double[] {Math.ceil(ms / 1000.0) * rate}); // rounded up to the second, as Runpod bills
            }
            if (!any) {
                continue;
            }
            endpoints++;
            for (int i = 0; i < starts.size(); i++) {
                double gpu = round(amounts.get(i)[0]);
                ObjectNode r = records.addObject();
                r.put("startTime", starts.get(i).toString());
                r.put("endTime", next(starts.get(i), w.bucket()).toString());
                r.put("serverlessId", e.getKey());
                r.put("totalAmount", gpu);
                r.put("gpuAmount", gpu);
                r.put("cpuAmount", 0);
                r.put("diskAmount", 0);
                r.put("feeAmount", 0);
                total += gpu;
            }
        }
        ObjectNode meta = n.putObject("metadata");
        ObjectNode query = meta.putObject("query");
        query.put("startTime", w.start().toString());
        query.put("endTime", w.end().toString());
        query.put("bucketSize", w.bucket());
        if (onlyId == null) {
            query.putNull("serverlessId");
        } else {
            query.put("serverlessId", onlyId);
        }
        meta.put("recordCount", records.size());
        meta.put("uniqueServerlessCount", endpoints);
        ObjectNode totals = meta.putObject("totals");
        totals.put("totalAmount", round(total));
        totals.put("gpuAmount", round(total));
        totals.put("cpuAmount", 0);
        totals.put("diskAmount", 0);
        totals.put("feeAmount", 0);
        return n;
    }

    private static double round(double usd) {
        return Math.round(usd * 1e6) / 1e6;
    }
}
