package dev.easel.ui.fx;

import dev.easel.jobs.Budget;
import dev.easel.settings.ThemeChoice;
import dev.easel.workflow.Parameter;
import dev.easel.text.Messages;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Region;
import javafx.scene.control.Label;

import javafx.util.StringConverter;

import java.util.function.Function;

/** Shows a choice box's values by their words (a core enum has no words of its own). */
public final class Labels {

    private Labels() {
    }

    /** Marks a label whose words are cut short on purpose (a prompt in a row): its tooltip has them all. */
    public static final String MAY_BE_CUT = "easel.mayBeCut";

    /** A label that may be cut short on purpose; its tooltip must then say all of it. */
    public static <T extends Labeled> T mayBeCut(T label) {
        label.getProperties().put(MAY_BE_CUT, Boolean.TRUE);
        return label;
    }

    /** A label that wraps at the width it is given and is never cut short. */
    public static Label wrapped(Label l) {
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    /** A label that is never cut short: the fields beside it give way first. */
    public static Label uncut(Label label) {
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /**
     * Buttons in a bar too narrow for their words show only their icons (their tooltips and accessible texts still say
     * what they do), and their words again once the bar is as wide as it needs for them.
     */
    public static void iconsWhenNarrow(Region bar, Labeled... buttons) {
        double[] wordsNeed = {Double.MAX_VALUE};
        bar.widthProperty().addListener((o, was, w) -> {
            boolean words = buttons[0].getContentDisplay() != ContentDisplay.GRAPHIC_ONLY;
            if (words && w.doubleValue() < bar.prefWidth(-1)) {
                wordsNeed[0] = bar.prefWidth(-1);
                for (var b : buttons) {
                    b.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
                }
            } else if (!words && w.doubleValue() >= wordsNeed[0]) {
                for (var b : buttons) {
                    b.setContentDisplay(ContentDisplay.LEFT);
                }
            }
        });
    }

    /** What a confirmation adds when the jobs would pass a budget of {@code period}. */
    public static String budgetPassed(Budget.Period period) {
        return switch (period) {
            case DAY -> Messages.get("studio.confirm.budget.day");
            case MONTH -> Messages.get("studio.confirm.budget.month");
            case SESSION -> Messages.get("studio.confirm.budget.session");
        };
    }

    /** A theme choice in words. */
    public static String theme(ThemeChoice choice) {
        return switch (choice) {
            case SYSTEM -> Messages.get("theme.system");
            case LIGHT -> Messages.get("theme.light");
            case DARK -> Messages.get("theme.dark");
        };
    }

    /** A parameter as the panel names it (width stands for the size row). */
    public static String parameter(Parameter p) {
        return switch (p) {
            case WIDTH, HEIGHT -> Messages.get("params.size");
            case STEPS -> Messages.get("params.steps");
            case CFG -> Messages.get("params.cfg");
            case GUIDANCE -> Messages.get("params.guidance");
            case DENOISE -> Messages.get("params.denoise");
            case SEED -> Messages.get("params.seed");
            case SAMPLER -> Messages.get("params.sampler");
            case SCHEDULER -> Messages.get("params.scheduler");
            case BATCH_SIZE -> Messages.get("params.batch");
            case MODEL -> Messages.get("viewer.field.model");
            default -> p.key();
        };
    }

    /** A one-way converter: values to words; nothing is typed back. */
    public static <T> StringConverter<T> of(Function<T, String> words) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : words.apply(value);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        };
    }
}
