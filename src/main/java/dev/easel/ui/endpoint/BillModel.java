package dev.easel.ui.endpoint;

import dev.easel.api.BillingQuery;
import dev.easel.api.BillingReport;
import dev.easel.api.RunpodException;
import dev.easel.io.Futures;
import dev.easel.jobs.BillCheck;
import dev.easel.jobs.Budget;
import dev.easel.jobs.OwnedEndpoint;
import dev.easel.jobs.Spending;
import dev.easel.text.Messages;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The panel's bill: what Runpod billed this endpoint in the last 24 hours and the last 30 days (the billing API's
 * hour and day buckets), beside what Easel estimated for the jobs of the same range, with what a picture cost.
 */
public final class BillModel {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT);

    private final OwnedEndpoint owned;
    private final Spending spending;
    private final Clock clock;
    private final Executor io;
    private final Executor fx;
    private final ReadOnlyStringWrapper day = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper month = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    /**
     * The last days (UTC, as Runpod buckets them) with a bill or a job, newest first:
     * "Thu 3 Dec · billed $0.0028 · estimated $0.0006 · 1 picture".
     */
    private final ObservableList<String> days = FXCollections.observableArrayList();
    /** How many days the list shows. */
    static final int DAYS_SHOWN = 7;

    public BillModel(OwnedEndpoint owned, Spending spending, Clock clock, Executor io, Executor fx) {
        this.owned = owned;
        this.spending = spending;
        this.clock = clock;
        this.io = io;
        this.fx = fx;
    }

    private record Both(BillCheck.Reconciled day, BillCheck.Reconciled month, List<BillCheck.Reconciled> days) { }

    /** Reads the bill and the journal, off the FX thread. */
    public CompletableFuture<Void> refresh() {
        busy.set(true);
        day.set(Messages.get("panel.bill.reading"));
        Instant now = clock.instant();
        return CompletableFuture.supplyAsync(() -> {
            try {
                BillingReport hours = owned.account().billing(BillingQuery.lastHours(24, owned.endpointId()));
                BillingReport days = owned.account().billing(BillingQuery.lastDays(30, owned.endpointId()));
                return new Both(spending.reconcile(hours, now.minus(Duration.ofHours(24)), now),
                        spending.reconcile(days, now.minus(Duration.ofDays(30)), now),
                        spending.reconcileBuckets(days).stream().filter(d -> d.billed() > 0 || d.jobs() > 0)
                                .limit(DAYS_SHOWN).toList());
            } catch (RunpodException | SQLException e) {
                throw new CompletionException(e);
            }
        }, io).handleAsync((b, e) -> {
            busy.set(false);
            if (e != null) {
                day.set(Messages.get("panel.bill.unread", Messages.of(Futures.unwrap(e))));
                month.set("");
                days.clear();
                return null;
            }
            day.set(Messages.get("panel.bill.day", Messages.get(b.day().said())));
            month.set(Messages.get("panel.bill.month", Messages.get(b.month().said())));
            days.setAll(b.days().stream().map(this::dayLine).toList());
            return null;
        }, fx);
    }

    private String dayLine(BillCheck.Reconciled d) {
        return Messages.get("panel.bill.dayLine", DAY.format(d.from().atZone(ZoneOffset.UTC)), Budget.money(d.billed()),
                Budget.money(d.estimated()), d.pictures());
    }

    /** The last days with a bill or a job, newest first. */
    public ObservableList<String> days() {
        return days;
    }

    /** "Last 24 hours: Easel estimated …", or why the bill could not be read. */
    public ReadOnlyStringProperty dayProperty() {
        return day.getReadOnlyProperty();
    }

    /** "Last 30 days: …". */
    public ReadOnlyStringProperty monthProperty() {
        return month.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
