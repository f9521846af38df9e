package dev.easel.jobs;

import dev.easel.text.Text;

import java.util.Locale;

/**
 * How much the user lets Easel spend, in USD of estimated GPU time: per calendar day, per calendar month and per
 * session (since Easel started); 0 is no limit. The queue holds a job back when sending it could pass one.
 */
public record Budget(double perDay, double perMonth, double perSession) {

    public static final Budget NONE = new Budget(0, 0, 0);

    public Budget {
        perDay = clean(perDay);
        perMonth = clean(perMonth);
        perSession = clean(perSession);
    }

    private static double clean(double v) {
        return Double.isFinite(v) && v > 0 ? v : 0;
    }

    public boolean any() {
        return perDay > 0 || perMonth > 0 || perSession > 0;
    }

    double limit(Period p) {
        return switch (p) {
            case DAY -> perDay;
            case MONTH -> perMonth;
            case SESSION -> perSession;
        };
    }

    /** The spans a budget is for. */
    public enum Period { DAY, MONTH, SESSION }

    /**
     * The queue is held: sending the next job could pass this budget.
     *
     * @param spent   the estimated cost of the jobs that ended in the period
     * @param running what the jobs sent and not ended yet are expected to cost
     * @param next    what the next job is expected to cost
     * @param waiting the jobs held back
     */
    public record Stop(Period period, double limit, double spent, double running, double next, int waiting) {
        /** "Paused: today's budget of $1.00 would be passed …". */
        public Text said() {
            String key = switch (period) {
                case DAY -> "jobs.budget.day";
                case MONTH -> "jobs.budget.month";
                case SESSION -> "jobs.budget.session";
            };
            return Text.of(key, money(limit), money(spent + running), money(next), waiting);
        }
    }

    /** "$0.0042" below a dollar, "$1.25" above. */
    public static String money(double usd) {
        return String.format(Locale.ROOT, usd < 1 ? "$%.4f" : "$%.2f", usd);
    }
}
