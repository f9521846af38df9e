package dev.easel.jobs;

import dev.easel.api.BillingReport;
import dev.easel.text.Text;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Easel's estimates beside Runpod's bill for one endpoint and one time range. Easel estimates execution time ×
 * price; Runpod bills every second a worker runs, from its start to its stop: cold starts, the idle timeout after
 * each burst of jobs, min workers kept warm, disk and a platform fee. The two are said side by side, with the
 * ratio and what one picture cost by each.
 */
public final class BillCheck {

    /** The same range seen both ways. */
    public record Reconciled(Instant from, Instant to, double estimated, double billed, int jobs, int pictures) {

        /** Billed ÷ estimated, or NaN when either is nothing. */
        public double ratio() {
            return estimated > 0 && billed > 0 ? billed / estimated : Double.NaN;
        }

        /** What one picture cost by Runpod's bill, or NaN without pictures. */
        public double perPictureBilled() {
            return pictures > 0 ? billed / pictures : Double.NaN;
        }

        public double perPictureEstimated() {
            return pictures > 0 ? estimated / pictures : Double.NaN;
        }

        /** "Easel estimated $0.84, Runpod billed $1.12 incl. idle time and cold starts (1.3×) …". */
        public Text said() {
            if (billed <= 0 && jobs == 0) {
                return Text.of("bill.nothing");
            }
            if (jobs == 0) {
                return Text.of("bill.noJobs", Budget.money(billed));
            }
            if (billed <= 0) {
                return Text.of("bill.notYet", Budget.money(estimated), jobs);
            }
            String ratio = String.format(Locale.ROOT, "%.1f", ratio());
            return pictures == 0 ? Text.of("bill.both", Budget.money(estimated), Budget.money(billed), ratio)
                    : Text.of("bill.bothPictures", Budget.money(estimated), Budget.money(billed), ratio, pictures,
                    Budget.money(perPictureBilled()), Budget.money(perPictureEstimated()));
        }
    }

    private BillCheck() {
    }

    /** Each of the report's buckets for one endpoint beside the journal's jobs of that bucket, newest first. */
    public static List<Reconciled> byBucket(BillingReport report, String endpointId, JobJournal journal)
            throws SQLException {
        List<Reconciled> out = new ArrayList<>();
        for (BillingReport.Bucket b : report.buckets()) {
            if (endpointId.equals(b.endpointId()) && b.start() != null && b.end() != null) {
                JobJournal.Tally t = journal.tally(endpointId, b.start(), b.end());
                out.add(new Reconciled(b.start(), b.end(), t.estimated(), b.total(), t.jobs(), t.pictures()));
            }
        }
        out.sort(Comparator.comparing(Reconciled::from).reversed());
        return out;
    }

    /**
     * The report's range for one endpoint (its buckets' first start to last end; {@code from}–{@code to} when it has
     * none) beside what the journal says of the same range.
     */
    public static Reconciled reconcile(BillingReport report, String endpointId, Instant from, Instant to,
                                       JobJournal journal) throws SQLException {
        var mine = report.buckets().stream().filter(b -> endpointId.equals(b.endpointId())).toList();
        Instant start = mine.stream().map(BillingReport.Bucket::start).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(from);
        Instant end = mine.stream().map(BillingReport.Bucket::end).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(to);
        JobJournal.Tally t = journal.tally(endpointId, start, end);
        return new Reconciled(start, end, t.estimated(), report.totalOf(endpointId), t.jobs(), t.pictures());
    }
}
