package dev.easel.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words the user reads, from one bundle ({@code dev/easel/text/messages.properties}): a key and its arguments,
 * formatted with {@link MessageFormat} (so plurals are choices: {@code {0,choice,1#1 image|1<{0,number,integer}
 * images}}). {@code MessagesTest} checks that every key used exists and every key exists once.
 */
public final class Messages {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("dev.easel.text.messages", Locale.ROOT,
            Messages.class.getModule());

    private Messages() {
    }

    /** The text of {@code key} with its arguments filled in. */
    public static String get(String key, Object... args) {
        String pattern = BUNDLE.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault()).format(args);
    }

    /** Whether the bundle has {@code key} (a journaled sentence from another version may name one it lacks). */
    public static boolean has(String key) {
        return BUNDLE.containsKey(key);
    }

    /** A core package's sentence in words: its key's text with its arguments (nested sentences first). */
    public static String get(Text text) {
        if (text == null) {
            return null;
        }
        if (text.isLiteral()) {
            return String.valueOf(text.args().getFirst());
        }
        Object[] args = text.args().stream().map(a -> a instanceof Text t ? get(t) : a).toArray();
        return get(text.key(), args);
    }

    /**
     * What went wrong, in words: the sentence of a core exception that carries one ({@link Explained}), else its
     * message, else its kind.
     */
    public static String of(Throwable t) {
        return get(Text.cause(t));
    }
}
