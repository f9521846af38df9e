package dev.easel.ui.fx;

import javafx.util.StringConverter;

import java.util.function.Function;

/** Shows a choice box's values by their words (a core enum has no words of its own). */
public final class Labels {

    private Labels() {
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
