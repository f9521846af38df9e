package dev.easel.api;

import java.util.regex.Pattern;

/** Removes secrets from text bound for logs, errors or the screen. */
public final class Redaction {
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final Pattern RUNPOD_KEY = Pattern.compile("rpa_[A-Za-z0-9]{8,}");

    private Redaction() {
    }

    /** The text with {@code secret}, any bearer token and anything shaped like a Runpod key replaced. */
    public static String redact(String text, String secret) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (secret != null && secret.length() >= 4) {
            out = out.replace(secret, "[redacted]");
        }
        out = BEARER.matcher(out).replaceAll("$1[redacted]");
        return RUNPOD_KEY.matcher(out).replaceAll("[redacted]");
    }
}
