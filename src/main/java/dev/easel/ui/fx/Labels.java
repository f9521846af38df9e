package dev.easel.ui.fx;

import dev.easel.settings.ThemeChoice;
import dev.easel.text.Messages;

import javafx.util.StringConverter;

import java.util.function.Function;

/** Shows a choice box's values by their words (a core enum has no words of its own). */
public final class Labels {

    private Labels() {
    }

    /** A theme choice in words. */
    public static String theme(ThemeChoice choice) {
        return switch (choice) {
            case SYSTEM -> Messages.get("theme.system");
            case LIGHT -> Messages.get("theme.light");
            case DARK -> Messages.get("theme.dark");
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
