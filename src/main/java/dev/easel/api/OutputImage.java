package dev.easel.api;

import dev.easel.text.Text;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * One image of a job's output: inline base64, or a URL to download without the API key.
 *
 * @param filename the name the server gave it; never use it as a path as is, see {@link #safeFilename()}
 * @param type     the wire {@code type} ({@code base64}, {@code s3_url}; {@code legacy} for {@code output.message})
 * @param data     raw base64 (any {@code data:} prefix removed) or the URL; empty when {@code decoded} holds it
 * @param decoded  the image bytes already decoded into a temporary file while the answer was read (so a 15 MB
 *                 image never becomes a 20-million-character string), or {@code null}; see {@link #discard()}
 */
public record OutputImage(String filename, String type, String data, Path decoded) {

    public OutputImage(String filename, String type, String data) {
        this(filename, type, data, null);
    }

    /** How the image travels. */
    public enum Transport { BASE64, URL }

    public Transport transport() {
        if (decoded != null) {
            return Transport.BASE64;
        }
        if ("s3_url".equalsIgnoreCase(type) || "url".equalsIgnoreCase(type)) {
            return Transport.URL;
        }
        if ("base64".equalsIgnoreCase(type)) {
            return Transport.BASE64;
        }
        String d = data.trim().toLowerCase(Locale.ROOT);
        return d.startsWith("https://") || d.startsWith("http://") ? Transport.URL : Transport.BASE64;
    }

    /** Builds an image from a legacy {@code output.message}: raw base64, a data URI, or a URL. */
    public static OutputImage fromLegacyMessage(String message) {
        String m = message.trim();
        if (m.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = m.indexOf(',');
            m = comma < 0 ? "" : m.substring(comma + 1);
            return new OutputImage("image.png", "base64", m);
        }
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return new OutputImage("image.png", "s3_url", m);
        }
        return new OutputImage("image.png", "base64", m);
    }

    /** Decodes inline base64 data; whitespace is tolerated, anything else is a {@link RunpodException}. */
    public byte[] decode() {
        if (transport() != Transport.BASE64) {
            throw new IllegalStateException("image " + filename + " is a URL: download it");
        }
        if (decoded != null) {
            try {
                return Files.readAllBytes(decoded);
            } catch (IOException e) {
                throw new RunpodException(RunpodException.Kind.BAD_RESPONSE,
                        Text.of("api.image.unreadableTemp", safeFilename(), e.getMessage()), String.valueOf(e));
            }
        }
        String clean = data.replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(clean);
        } catch (IllegalArgumentException e) {
            throw new RunpodException(RunpodException.Kind.BAD_RESPONSE,
                    Text.of("api.image.badBase64", safeFilename()),
                    e.getMessage());
        }
    }

    /** The size of the decoded image in bytes when it is in a temporary file, else -1. */
    public long decodedSize() {
        try {
            return decoded == null ? -1 : Files.size(decoded);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Deletes the temporary file of a {@link #decoded} image; nothing for others. Safe to call twice. */
    public void discard() {
        if (decoded != null) {
            try {
                Files.deleteIfExists(decoded);
            } catch (IOException ignored) {
                // the temporary folder is the system's to clean
            }
        }
    }

    /** The URL of a {@link Transport#URL} image. */
    public URI url() {
        if (transport() != Transport.URL) {
            throw new IllegalStateException("image " + filename + " is inline base64");
        }
        try {
            URI uri = new URI(data.trim());
            if (uri.getHost() == null) {
                throw new URISyntaxException(data.trim(), "no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new RunpodException(RunpodException.Kind.BAD_RESPONSE, Text.of("api.image.badLink"),
                    e.getMessage());
        }
    }

    /** The server's file name reduced to a harmless last path segment ({@code ../../x.png} becomes {@code x.png}). */
    public String safeFilename() {
        String name = filename == null ? "" : filename;
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(cut + 1).replaceAll("[\\x00-\\x1f:*?\"<>|]", "_").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.length() > 120) { // file systems allow 255 bytes: a long name keeps its start and its extension
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, 120 - ext.length()).strip() + ext;
        }
        return name.isEmpty() ? "image.png" : name;
    }

    @Override
    public String toString() {
        return "OutputImage[" + filename + ", " + type + ", " + (decoded != null ? "decoded to a file"
                : transport() == Transport.URL ? data : data.length() + " base64 chars") + "]";
    }
}
