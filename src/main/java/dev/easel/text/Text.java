package dev.easel.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A sentence for the user as the core packages give it: a key of the bundle and its arguments, put into words only at
 * the edge ({@link Messages#get(Text)}: the window, the command line, the log). An argument is text, a number or
 * another {@code Text} (whole numbers kept as {@code Long}, others as {@code Double}, so a sentence read back from
 * the journal equals the one written); anything else is kept as its {@code toString()} (a path, an id).
 *
 * <p>Words that come from elsewhere (a worker's own message, a job journaled before Easel kept keys) are a
 * {@link #literal} and are shown as they are.
 */
public record Text(String key, List<Object> args) {

    /** The key of a literal: its one argument is the words. */
    public static final String LITERAL = "";

    public Text {
        Objects.requireNonNull(key);
        List<Object> copy = new ArrayList<>(args.size());
        for (Object a : args) {
            copy.add(switch (a) {
                case null -> "";
                case String t -> t;
                case Text t -> t;
                case Byte n -> n.longValue(); // whole numbers are Longs, others Doubles: as they come back from JSON
                case Short n -> n.longValue();
                case Integer n -> n.longValue();
                case Long n -> n;
                case Number n -> n.doubleValue();
                default -> a.toString(); // a path, an id
            });
        }
        args = List.copyOf(copy);
    }

    /** The sentence {@code key} of the bundle with these arguments. */
    public static Text of(String key, Object... args) {
        return new Text(key, List.of(args.length == 0 ? new Object[0] : nullsAsEmpty(args)));
    }

    /** Words from elsewhere, shown as they are; null stays null. */
    public static Text literal(String words) {
        return words == null ? null : new Text(LITERAL, List.of(words));
    }

    /** What went wrong: the sentence of an exception that has one ({@link Explained}), else its message as words. */
    public static Text cause(Throwable t) {
        if (t instanceof Explained e && e.text() != null) {
            return e.text();
        }
        return literal(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
    }

    public boolean isLiteral() {
        return key.isEmpty();
    }

    /** This sentence followed by {@code next} (a space between). */
    public Text then(Text next) {
        return next == null ? this : Text.of("text.twoSentences", this, next);
    }

    /** Sentences one after the other (a space between); null when there are none. */
    public static Text joined(List<Text> sentences) {
        Text out = null;
        for (Text t : sentences) {
            out = out == null ? t : out.then(t);
        }
        return out;
    }

    /** The same sentence with {@code f} applied to every text argument, nested ones too (to remove a secret). */
    public Text mapWords(UnaryOperator<String> f) {
        List<Object> mapped = new ArrayList<>(args.size());
        for (Object a : args) {
            mapped.add(a instanceof String s ? f.apply(s) : a instanceof Text t ? t.mapWords(f) : a);
        }
        return new Text(key, mapped);
    }

    /** The sentence in words (the default locale's), as {@link Messages#get(Text)}: for logs and tests. */
    @Override
    public String toString() {
        return Messages.get(this);
    }

    private static Object[] nullsAsEmpty(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = "";
            }
        }
        return out;
    }
}
