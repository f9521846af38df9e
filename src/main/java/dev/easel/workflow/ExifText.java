package dev.easel.workflow;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.StringValue;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.webp.WebpDirectory;
import com.drew.metadata.webp.WebpRiffHandler;
import com.drew.metadata.xmp.XmpDirectory;
import com.drew.metadata.xmp.XmpReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a JPEG or WebP carries about how it was made, read with metadata-extractor and named as a PNG's text
 * chunks are (what {@link PngText#read} gives), so one reader of settings serves every picture:
 * <ul>
 *   <li>{@code parameters}: AUTOMATIC1111's text, in the EXIF UserComment (or the XMP {@code exif:UserComment} that
 *       photo tools turn it into);</li>
 *   <li>{@code prompt} and {@code workflow}: what ComfyUI's Save WEBP nodes write, {@code "prompt:{…}"} in the EXIF
 *       Model tag and each editor key ({@code "workflow:{…}"}) from the Make tag downwards.</li>
 * </ul>
 * A damaged picture has no text to give: it reads as an empty map and never throws.
 */
public final class ExifText {

    /** ComfyUI's tags: Model holds the prompt, then Make, ImageDescription, DocumentName an editor key each. */
    private static final int[] COMFY_TAGS = {ExifIFD0Directory.TAG_MODEL, ExifIFD0Directory.TAG_MAKE,
        ExifIFD0Directory.TAG_IMAGE_DESCRIPTION, ExifIFD0Directory.TAG_DOCUMENT_NAME};
    private static final Pattern KEYED_JSON = Pattern.compile("(?s)([A-Za-z_][A-Za-z0-9_]*):\\s*([{\\[].*)");

    private ExifText() {
    }

    /** Keyword → text of a JPEG's or WebP's metadata (see the class comment); empty when it has none or is damaged. */
    public static Map<String, String> read(byte[] picture) {
        Metadata metadata;
        try {
            metadata = ImageType.detect(picture) == ImageType.WEBP ? webp(picture)
                    : JpegMetadataReader.readMetadata(new ByteArrayInputStream(picture),
                            List.of(new ExifReader(), new XmpReader()));
        } catch (JpegProcessingException | IOException | RuntimeException damaged) {
            return Map.of(); // a damaged file has no text to give, and stops nothing
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (ExifIFD0Directory ifd0 : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
            for (int tag : COMFY_TAGS) {
                Matcher m = KEYED_JSON.matcher(string(ifd0, tag));
                if (m.matches()) {
                    out.putIfAbsent(m.group(1), m.group(2).strip());
                }
            }
        }
        for (ExifSubIFDDirectory exif : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
            byte[] comment = exif.getByteArray(ExifSubIFDDirectory.TAG_USER_COMMENT);
            if (comment != null && !out.containsKey("parameters")) {
                String text = userComment(comment);
                if (!text.isBlank()) {
                    out.put("parameters", text);
                }
            }
        }
        if (!out.containsKey("parameters")) {
            for (XmpDirectory xmp : metadata.getDirectoriesOfType(XmpDirectory.class)) {
                xmp.getXmpProperties().forEach((path, value) -> {
                    if (path.matches("exif:UserComment(\\[\\d+])?") && value != null && !value.isBlank()) {
                        out.putIfAbsent("parameters", value.strip());
                    }
                });
            }
        }
        return out;
    }

    /**
     * A WebP's EXIF and XMP chunks, read by metadata-extractor. The RIFF chunks are walked here, within the bytes
     * there are: the library's own WebP reader believes a chunk's length and allocates it, so a damaged length of
     * 2 GB costs seconds and memory before failing.
     */
    private static Metadata webp(byte[] b) {
        Metadata metadata = new Metadata();
        WebpRiffHandler handler = new WebpRiffHandler(metadata);
        int at = 12;
        while (at + 8 <= b.length) {
            String fourCc = new String(b, at, 4, StandardCharsets.US_ASCII);
            long len = (b[at + 4] & 0xff) | (b[at + 5] & 0xff) << 8 | (b[at + 6] & 0xff) << 16
                    | (long) (b[at + 7] & 0xff) << 24;
            if (len > b.length - at - 8L) {
                break; // cut short or damaged: what came before is all there is
            }
            if (handler.shouldAcceptChunk(fourCc)) { // EXIF, XMP, the VP8X/VP8L/VP8 headers with the size
                handler.processChunk(fourCc, Arrays.copyOfRange(b, at + 8, at + 8 + (int) len));
            }
            at += 8 + (int) len + (int) (len & 1);
        }
        return metadata;
    }

    /** The size a WebP declares (its VP8X canvas, or its VP8L or VP8 frame), when it can be read. */
    public static Optional<int[]> webpSize(byte[] webp) {
        try {
            WebpDirectory d = webp(webp).getFirstDirectoryOfType(WebpDirectory.class);
            if (d != null && d.containsTag(WebpDirectory.TAG_IMAGE_WIDTH) && d.containsTag(WebpDirectory.TAG_IMAGE_HEIGHT)) {
                return Optional.of(new int[] {d.getInt(WebpDirectory.TAG_IMAGE_WIDTH),
                    d.getInt(WebpDirectory.TAG_IMAGE_HEIGHT)});
            }
        } catch (MetadataException | RuntimeException damaged) {
            // no size to give
        }
        return Optional.empty();
    }

    private static String string(Directory dir, int tag) {
        Object value = dir.getObject(tag);
        if (value instanceof StringValue s) {
            return s.toString(StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? "" : value.toString();
    }

    /**
     * An EXIF UserComment: an 8-byte charset prefix, then the text. "UNICODE" is UTF-16 in the file's byte order
     * (piexif, which AUTOMATIC1111 uses, writes big-endian); the order is read from a byte-order mark or, as the text
     * is mostly ASCII, from which half of each pair is zero. "ASCII", an undefined prefix or none read as UTF-8.
     */
    static String userComment(byte[] b) {
        if (b.length < 8) {
            return clean(new String(b, StandardCharsets.UTF_8));
        }
        String prefix = new String(b, 0, 8, StandardCharsets.ISO_8859_1);
        if (prefix.startsWith("UNICODE")) {
            return clean(new String(b, 8, b.length - 8, utf16Order(b, 8)));
        }
        if (prefix.startsWith("ASCII") || prefix.equals("\0\0\0\0\0\0\0\0") || prefix.startsWith("JIS")) {
            return clean(new String(b, 8, b.length - 8, StandardCharsets.UTF_8));
        }
        return clean(new String(b, StandardCharsets.UTF_8));
    }

    private static Charset utf16Order(byte[] b, int from) {
        if (b.length >= from + 2) {
            int bom = ((b[from] & 0xff) << 8) | (b[from + 1] & 0xff);
            if (bom == 0xFEFF || bom == 0xFFFE) {
                return StandardCharsets.UTF_16; // reads the mark and drops it
            }
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = from; i + 1 < b.length && i < from + 4096; i += 2) {
            evenZeros += b[i] == 0 ? 1 : 0;
            oddZeros += b[i + 1] == 0 ? 1 : 0;
        }
        return oddZeros > evenZeros ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
    }

    private static String clean(String s) {
        return s.replace("\0", "").strip();
    }
}
