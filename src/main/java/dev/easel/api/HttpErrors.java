package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
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

    private final RunpodConfig config;
    private final AnswerReader reader;

    HttpErrors(RunpodConfig config, AnswerReader reader) {
        this.config = config;
        this.reader = reader;
    }

    RunpodException httpError(Response response, byte[] body, Scope scope, String what) {
        int code = response.code();
        Duration retryAfter = parseRetryAfter(response.header("Retry-After"));
        String detail = what + " -> HTTP " + code + " " + excerpt(body);
        String server = serverMessage(body);
        String suffix = server == null ? "" : " Runpod said: " + server;
        Kind kind;
        String message;
        switch (code) {
            case 400 -> {
                kind = Kind.BAD_REQUEST;
                message = "Runpod rejected the request (400)." + suffix;
            }
            case 401 -> {
                kind = Kind.UNAUTHORIZED;
                message = "The API key was refused (401). Open Settings → Endpoint to check it.";
            }
            case 403 -> {
                kind = Kind.FORBIDDEN;
                message = "The API key may not use endpoint " + config.endpointId()
                        + " (403). Check the key's permissions in the Runpod console.";
            }
            case 404 -> {
                boolean endpoint = scope == Scope.ENDPOINT
                        || (server != null && server.toLowerCase(Locale.ROOT).contains("endpoint"));
                kind = endpoint ? Kind.ENDPOINT_NOT_FOUND : Kind.JOB_NOT_FOUND;
                message = endpoint
                        ? "Runpod has no endpoint '" + config.endpointId() + "' (404). Check the endpoint id in Settings."
                        : "Runpod no longer knows this job (404): it is unknown, or its result expired "
                          + "(Runpod keeps results 30 minutes after a job ends, 1 minute for runsync).";
            }
            case 413 -> {
                kind = Kind.REQUEST_TOO_LARGE;
                message = "Runpod refused the request as too large (413). Use smaller or fewer input images.";
            }
            case 429 -> {
                kind = Kind.RATE_LIMITED;
                message = "Runpod is limiting requests (429)"
                        + (retryAfter == null ? "." : "; it asks to wait " + seconds(retryAfter) + ".");
            }
            default -> {
                if (code >= 500) {
                    kind = Kind.SERVER_ERROR;
                    message = "Runpod had a server error (HTTP " + code + ")"
                            + (looksLikeHtml(body) ? "; the answer was an error page, not the API." : ".")
                            + " Try again in a moment.";
                } else {
                    kind = Kind.BAD_REQUEST;
                    message = "Runpod refused the request (HTTP " + code + ")." + suffix;
                }
            }
        }
        return new RunpodException(kind, Redaction.redact(message, config.apiKey()), detail, code, retryAfter, null);
    }

    RunpodException ioError(IOException e, HttpUrl url) {
        String host = url.host();
        if (e instanceof AnswerReader.TooLarge) {
            return new RunpodException(Kind.BAD_RESPONSE, e.getMessage(), url.host() + url.encodedPath(), 0, null, e);
        }
        String detail = Redaction.redact(e.getClass().getSimpleName() + ": " + e.getMessage(), config.apiKey())
                + " (" + url.host() + url.encodedPath() + ")";
        if (Thread.currentThread().isInterrupted()) {
            return new RunpodException(Kind.INTERRUPTED, "The request was stopped.", detail, 0, null, e);
        }
        if (e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout"))) {
            return new RunpodException(Kind.TIMEOUT, host + " did not answer in time (" + seconds(config.readTimeout())
                    + ").", detail, 0, null, e);
        }
        if (e instanceof UnknownHostException) {
            return new RunpodException(Kind.NETWORK, "Can't find " + host + ". Check your internet connection.",
                    detail, 0, null, e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new RunpodException(Kind.NETWORK, "Can't connect to " + host + ". Check your internet connection"
                    + (PlainHttp.isLoopback(host) ? " and that the local server is running." : "."), detail, 0, null, e);
        }
        if (e instanceof SSLException) {
            return new RunpodException(Kind.NETWORK, "The secure connection to " + host + " failed.", detail, 0, null, e);
        }
        return new RunpodException(Kind.NETWORK, "The connection to " + host + " broke off before an answer came.",
                detail, 0, null, e);
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
                "The job may or may not have been created: " + cause.getMessage()
                        + " Easel did not send it again, to avoid a duplicate job.",
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
                return Redaction.redact(abbreviate(n.get(key).asText()), config.apiKey());
            }
        }
        return null;
    }

    static String notJsonMessage(byte[] body) {
        return looksLikeHtml(body)
                ? "Runpod answered with a web page instead of data; a proxy or an outage may be in the way."
                : body.length == 0 ? "Runpod's answer was empty." : "Runpod's answer could not be read (not valid JSON).";
    }

    static boolean looksLikeHtml(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8).stripLeading()
                .toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body")
                || head.startsWith("<head");
    }

    String excerpt(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 600), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return Redaction.redact(abbreviate(s), config.apiKey());
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
