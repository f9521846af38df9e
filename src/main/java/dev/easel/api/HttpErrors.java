package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.text.Text;
import okhttp3.HttpUrl;
import okhttp3.Response;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static dev.easel.api.RunpodException.Kind;

/**
 * Turns a refused request or a broken connection into a typed {@link RunpodException} with a sentence the user can
 * act on, the key redacted from all of it.
 */
final class HttpErrors {

    /** What a 404 means for a call. */
    enum Scope { ENDPOINT, JOB }

    private final String endpointId;
    private final String apiKey;
    private final Duration readTimeout;
    private final AnswerReader reader;

    HttpErrors(RunpodConfig config, AnswerReader reader) {
        this(config.endpointId(), config.apiKey(), config.readTimeout(), reader);
    }

    HttpErrors(String endpointId, String apiKey, Duration readTimeout, AnswerReader reader) {
        this.endpointId = endpointId;
        this.apiKey = apiKey;
        this.readTimeout = readTimeout;
        this.reader = reader;
    }

    RunpodException httpError(Response response, byte[] body, Scope scope, String what) {
        int code = response.code();
        Duration retryAfter = parseRetryAfter(response.header("Retry-After"));
        String detail = what + " -> HTTP " + code + " " + excerpt(body);
        String server = serverMessage(body);
        String suffix = server == null ? "" : " Runpod said: " + server;
        Kind kind;
        Text message;
        switch (code) {
            case 400 -> {
                kind = Kind.BAD_REQUEST;
                message = saying(Text.of("api.http.400"), server);
            }
            case 401 -> {
                kind = Kind.UNAUTHORIZED;
                message = Text.of("api.http.401");
            }
            case 403 -> {
                kind = Kind.FORBIDDEN;
                message = Text.of("api.http.403", endpointId);
            }
            case 404 -> {
                boolean endpoint = scope == Scope.ENDPOINT
                        || (server != null && server.toLowerCase(Locale.ROOT).contains("endpoint"));
                kind = endpoint ? Kind.ENDPOINT_NOT_FOUND : Kind.JOB_NOT_FOUND;
                message = endpoint ? Text.of("api.http.404.endpoint", endpointId) : Text.of("api.http.404.job");
            }
            case 413 -> {
                kind = Kind.REQUEST_TOO_LARGE;
                message = Text.of("api.http.413");
            }
            case 429 -> {
                kind = Kind.RATE_LIMITED;
                message = retryAfter == null ? Text.of("api.http.429") : Text.of("api.http.429.wait", seconds(retryAfter));
            }
            default -> {
                if (code >= 500) {
                    kind = Kind.SERVER_ERROR;
                    message = looksLikeHtml(body) ? Text.of("api.http.5xx.page", code) : Text.of("api.http.5xx", code);
                } else {
                    kind = Kind.BAD_REQUEST;
                    message = saying(Text.of("api.http.4xx", code), server);
                }
            }
        }
        return new RunpodException(kind, message.mapWords(w -> Redaction.redact(w, apiKey)), detail, code,
                retryAfter, null);
    }

    private static Text saying(Text refused, String server) {
        return server == null ? refused : refused.then(Text.of("api.http.serverSaid", server));
    }

    RunpodException ioError(IOException e, HttpUrl url) {
        String host = url.host();
        if (e instanceof AnswerReader.TooLarge tooLarge) {
            return new RunpodException(Kind.BAD_RESPONSE, tooLarge.text(), url.host() + url.encodedPath(), 0, null, e);
        }
        String detail = Redaction.redact(e.getClass().getSimpleName() + ": " + e.getMessage(), apiKey)
                + " (" + url.host() + url.encodedPath() + ")";
        if (Thread.currentThread().isInterrupted()) {
            return new RunpodException(Kind.INTERRUPTED, Text.of("api.stopped"), detail, 0, null, e);
        }
        if (e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout"))) {
            return new RunpodException(Kind.TIMEOUT, Text.of("api.net.timeout", host, seconds(readTimeout)),
                    detail, 0, null, e);
        }
        if (e instanceof UnknownHostException) {
            return new RunpodException(Kind.NETWORK, Text.of("api.net.unknownHost", host), detail, 0, null, e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new RunpodException(Kind.NETWORK, PlainHttp.isLoopback(host) ? Text.of("api.net.refusedLocal", host)
                    : Text.of("api.net.refused", host), detail, 0, null, e);
        }
        if (e instanceof SSLException) {
            return new RunpodException(Kind.NETWORK, Text.of("api.net.tls", host), detail, 0, null, e);
        }
        return new RunpodException(Kind.NETWORK, Text.of("api.net.brokeOff", host), detail, 0, null, e);
    }

    /** True when the request cannot have reached the server: it failed while connecting. */
    static boolean surelyNotSent(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    static RunpodException unknownSubmission(RunpodException cause) {
        return new RunpodException(Kind.SUBMISSION_UNKNOWN,
                Text.of("api.submissionUnknown", cause.text()),
                cause.detail(), cause.httpStatus(), null, cause);
    }

    static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        try {
            double secs = Double.parseDouble(h);
            return secs < 0 ? Duration.ZERO : Duration.ofMillis((long) (secs * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private String serverMessage(byte[] body) {
        JsonNode n = reader.parseJson(body);
        if (n == null) {
            return null;
        }
        for (String key : new String[] {"error", "message", "detail"}) {
            if (n.hasNonNull(key) && n.get(key).isValueNode()) {
                return Redaction.redact(abbreviate(n.get(key).asText()), apiKey);
            }
        }
        return null;
    }

    static Text notJsonMessage(byte[] body) {
        return looksLikeHtml(body) ? Text.of("api.answer.webPage")
                : body.length == 0 ? Text.of("api.answer.empty") : Text.of("api.answer.notJson");
    }

    static boolean looksLikeHtml(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8).stripLeading()
                .toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body")
                || head.startsWith("<head");
    }

    String excerpt(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 600), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return Redaction.redact(abbreviate(s), apiKey);
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
