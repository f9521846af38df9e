package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.text.Text;
import okhttp3.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.easel.api.RunpodException.Kind;

/**
 * Turns a refusal of the management API into a typed {@link RunpodException}: RFC 9457 problem bodies
 * ({@code title}, {@code status}, {@code detail}, and {@code errors[]} on a 422), REST v1's {@code message}, or no
 * body at all; the key removed from every word of it.
 */
final class ProblemErrors {

    /** One window of a {@code RateLimit} header: {@code "minute";r=0;t=12}. */
    private static final Pattern WINDOW = Pattern.compile("r\\s*=\\s*(\\d+)\\s*;\\s*t\\s*=\\s*(\\d+)");
    private static final int MAX_LISTED = 5;

    private final HttpErrors http;
    private final AnswerReader reader;
    private final String apiKey;

    ProblemErrors(HttpErrors http, AnswerReader reader, String apiKey) {
        this.http = http;
        this.reader = reader;
        this.apiKey = apiKey;
    }

    RunpodException of(Response response, byte[] body, String what) {
        int code = response.code();
        JsonNode n = reader.parseJson(body);
        String detail = n == null ? null : first(n, "detail", "message", "error", "title");
        List<String> errors = new ArrayList<>();
        if (n != null) {
            n.path("errors").forEach(e -> errors.add(e.isValueNode() ? e.asText() : first(e, "message", "detail")));
        }
        errors.removeIf(e -> e == null || e.isBlank());
        String log = what + " -> HTTP " + code + " " + http.excerpt(body);
        Kind kind;
        Text text;
        switch (code) {
            case 401 -> {
                kind = Kind.UNAUTHORIZED;
                text = Text.of("account.http.401");
            }
            case 403 -> {
                kind = Kind.FORBIDDEN;
                text = Text.of("account.http.403", what);
            }
            case 404 -> {
                kind = Kind.ENDPOINT_NOT_FOUND;
                text = Text.of("account.http.404", what);
            }
            case 400, 409, 422 -> {
                kind = Kind.BAD_REQUEST;
                String said = !errors.isEmpty() ? listed(errors) : detail;
                text = said == null ? Text.of("account.http.refused", what, code)
                        : Text.of("account.http.refusedSaying", what, code, said);
            }
            case 429 -> {
                kind = Kind.RATE_LIMITED;
                Duration wait = longest(HttpErrors.parseRetryAfter(response.header("Retry-After")),
                        rateLimitReset(response.header("RateLimit")));
                text = wait == null ? Text.of("api.http.429") : Text.of("api.http.429.wait", HttpErrors.seconds(wait));
                return new RunpodException(kind, redacted(text), log, code, wait, null);
            }
            default -> {
                if (code >= 500 || code == 413) {
                    return http.httpError(response, body, HttpErrors.Scope.ENDPOINT, what);
                }
                kind = Kind.BAD_REQUEST;
                text = detail == null ? Text.of("account.http.refused", what, code)
                        : Text.of("account.http.refusedSaying", what, code, detail);
            }
        }
        return new RunpodException(kind, redacted(text), log, code, null, null);
    }

    private Text redacted(Text text) {
        return text.mapWords(w -> Redaction.redact(w, apiKey));
    }

    private static String listed(List<String> errors) {
        String joined = String.join("; ", errors.subList(0, Math.min(errors.size(), MAX_LISTED)));
        return HttpErrors.abbreviate(errors.size() > MAX_LISTED ? joined + "; \u2026" : joined);
    }

    private static String first(JsonNode n, String... fields) {
        for (String f : fields) {
            if (n.hasNonNull(f) && n.get(f).isValueNode() && !n.get(f).asText().isBlank()) {
                return HttpErrors.abbreviate(n.get(f).asText());
            }
        }
        return null;
    }

    /**
     * The wait the {@code RateLimit} header asks for: the longest reset of a window with nothing left
     * ({@code "minute";r=0;t=12, "hour";r=2800;t=1812} → 12 s); null when no window is spent.
     */
    static Duration rateLimitReset(String header) {
        if (header == null) {
            return null;
        }
        Duration longest = null;
        Matcher m = WINDOW.matcher(header);
        while (m.find()) {
            if (Long.parseLong(m.group(1)) == 0) {
                longest = longest(longest, Duration.ofSeconds(Long.parseLong(m.group(2))));
            }
        }
        return longest;
    }

    private static Duration longest(Duration a, Duration b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }
}
