package dev.easel.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words the user reads, from one bundle ({@code dev/easel/ui/messages.properties}): a key and its arguments,
 * formatted with {@link MessageFormat} (so plurals are choices: {@code {0,choice,1#1 image|1<{0,number,integer}
 * images}}). {@code MessagesTest} checks that every key used exists and every key exists once.
 */
public final class Messages {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("dev.easel.ui.messages", Locale.ROOT,
            Messages.class.getModule());

    private Messages() {
    }

    /** The text of {@code key} with its arguments filled in. */
    public static String get(String key, Object... args) {
        String pattern = BUNDLE.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault()).format(args);
    }
}
