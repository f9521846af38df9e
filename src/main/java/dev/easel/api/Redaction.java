package dev.easel.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of text: the API keys this process has used (whatever their shape), bearer tokens, and anything
 * shaped like a Runpod key. Everything Easel journals, logs, shows or reports passes through here, so a key a server
 * echoes back in an error never lands anywhere.
 */
public final class Redaction {
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final Pattern RUNPOD_KEY = Pattern.compile("\\b(rpa|rp)_[A-Za-z0-9]{8,}");
    /** Shorter strings are not treated as secrets (the demo's key is "demo": that word must stay readable). */
    static final int MIN_SECRET = 8;
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Redaction() {
    }

    /** Remembers a key this process sends, so it is removed from every text from now on. */
    public static void remember(String secret) {
        if (secret != null && secret.strip().length() >= MIN_SECRET) {
            KNOWN.add(secret.strip());
        }
    }

    /** The text with {@code secret}, every remembered key, any bearer token and Runpod-shaped key replaced. */
    public static String redact(String text, String secret) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (secret != null && secret.length() >= MIN_SECRET) {
            out = out.replace(secret, "[redacted]");
        }
        return redact(out);
    }

    /** The text with every remembered key, any bearer token and anything shaped like a Runpod key replaced. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : KNOWN) {
            if (out.contains(s)) {
                out = out.replace(s, "[redacted]");
            }
        }
        out = BEARER.matcher(out).replaceAll("$1[redacted]");
        return RUNPOD_KEY.matcher(out).replaceAll("[redacted]");
    }

    /** Whether {@code text} holds a remembered key (cheap: for deciding whether to look closer). */
    public static boolean holdsKnownSecret(String text) {
        if (text == null) {
            return false;
        }
        for (String s : KNOWN) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
