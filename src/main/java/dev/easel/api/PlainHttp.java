package dev.easel.api;

import dev.easel.text.Text;
import okhttp3.ConnectionSpec;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static dev.easel.api.RunpodException.Kind;

/** Plain http is for this machine only: the key never travels in clear to another address. */
public final class PlainHttp {

    private PlainHttp() {
    }

    /** Accepts an https address, or a plain http one of this machine; anything else is an IllegalArgumentException. */
    public static void requireSafe(URI address) {
        String host = address.getHost() == null ? "" : address.getHost().replaceAll("^\\[|\\]$", "");
        boolean https = "https".equalsIgnoreCase(address.getScheme()) && !host.isEmpty();
        if (!https && !("http".equalsIgnoreCase(address.getScheme()) && !host.isEmpty() && isLoopback(host))) {
            throw new IllegalArgumentException("not an https address: " + address.getScheme() + "://" + host);
        }
    }

    /** Refuses to send the key over plain http to any host but this machine. */
    static void checkSecureTransport(HttpUrl url, String apiKey) {
        if (apiKey != null && !apiKey.isEmpty() && !url.isHttps() && !isLoopback(url.host())) {
            throw new RunpodException(Kind.INSECURE_URL, Text.of("api.plainHttp", url.host()),
                    "refused http base URL " + url.host());
        }
    }

    /**
     * The OkHttp set-up every Runpod client of Easel's starts from: no silent retries and no redirects (OkHttp would
     * otherwise resend a POST on a failed pooled connection, which can create a duplicate job or endpoint, and a
     * redirect must not carry the key elsewhere); for plain http (the demo on this machine) no TLS set-up, which
     * reads the JDK's trusted certificates (~90 ms of CPU while the app starts), and only to this machine as the
     * name resolves now, not as it is spelt (a hosts entry can point "test.localhost" anywhere).
     */
    static OkHttpClient.Builder client(HttpUrl base, Duration connect, Duration read, Duration call) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(connect)
                .readTimeout(read)
                .writeTimeout(read)
                .callTimeout(call)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false);
        if (!base.isHttps()) {
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
            builder.dns(loopbackOnly(Dns.SYSTEM));
        }
        return builder;
    }

    /** A resolver that gives only this machine's addresses, and a sentence when a name points elsewhere. */
    static Dns loopbackOnly(Dns delegate) {
        return host -> {
            List<InetAddress> all = delegate.lookup(host);
            List<InetAddress> local = all.stream().filter(InetAddress::isLoopbackAddress).toList();
            if (local.isEmpty()) {
                throw new UnknownHostException(host + " is not this machine (it resolves to "
                        + all.stream().map(InetAddress::getHostAddress).toList() + "): Easel uses plain http only "
                        + "to this machine; use https for anything else");
            }
            return local;
        };
    }

    /** Whether {@code host} is this machine by its spelling (localhost or a loopback address; no DNS lookup). */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.matches("[0-9.]+") || h.contains(":")) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress(); // an IP literal: no DNS lookup
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
