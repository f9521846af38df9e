package dev.easel.ui.sweep;

import dev.easel.jobs.Spending;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Labels;

import java.time.Duration;
import java.util.Locale;

/** What the sweep dialog says a sweep would take: its jobs, the time on the workers up now, the cost, the budget. */
final class SweepEstimateModel {

    private SweepEstimateModel() {
    }

    /** "12 jobs, one a cell. On 4 workers up now: about 40 s. About $0.05 of GPU time." and the budget's word. */
    static String say(Spending spending, int n, int done, int w) {
        StringBuilder s = new StringBuilder(Messages.get("sweep.jobs", n));
        if (done > 0) {
            s.append(' ').append(Messages.get("sweep.reuse", done));
        }
        Duration typical = spending.typicalExecution();
        if (typical == null) {
            s.append(' ').append(Messages.get("sweep.time.unknown"));
        } else if (w > 0) {
            long waves = (n + w - 1) / w;
            s.append(' ').append(Messages.get("sweep.time", w, SweepWords.duration(typical.multipliedBy(waves))));
        } else if (w == 0) {
            s.append(' ').append(Messages.get("sweep.time.cold", SweepWords.duration(typical.multipliedBy(n))));
        }
        var cost = spending.estimate(n);
        var guess = spending.firstGuess(n);
        double expected = cost.isPresent() ? cost.getAsDouble() : guess.orElse(0);
        s.append(' ').append(cost.isPresent() || guess.isPresent()
                ? Messages.get("sweep.cost", String.format(Locale.ROOT, "%.2f", expected))
                : Messages.get("sweep.noCost"));
        spending.wouldPass(expected).ifPresent(p -> s.append(' ').append(Labels.budgetPassed(p)));
        return s.toString();
    }
}
