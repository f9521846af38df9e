package dev.easel.library;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one piece of EXIF Easel writes: a UserComment holding the A1111 {@code parameters} text, encoded as
 * AUTOMATIC1111 itself writes it (piexif's "UNICODE" comment: an 8-byte charset prefix, then UTF-16BE).
 */
public final class JpegExif {

    private static final byte[] UNICODE = "UNICODE\0".getBytes(StandardCharsets.US_ASCII);
    private static final int USER_COMMENT = 0x9286;
    private static final int EXIF_IFD = 0x8769;
    /** An APP1 segment holds at most 65,533 bytes after its length field. */
    private static final int MAX_SEGMENT = 65_533;

    private JpegExif() {
    }

    /**
     * The JPEG with an Exif APP1 segment carrying the comment, placed right after SOI; a JFIF APP0 or an older
     * Exif segment is dropped (the Exif one replaces both). A comment too long for one segment is cut short.
     */
    public static byte[] withUserComment(byte[] jpeg, String comment) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG");
        }
        byte[] app1 = app1(comment);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + app1.length);
        out.write(jpeg, 0, 2);
        out.write(app1, 0, app1.length);
        int i = 2;
        // skip the APP0 (JFIF) and APP1 (Exif) segments right after SOI
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF
                && ((jpeg[i + 1] & 0xff) == 0xE0 || (jpeg[i + 1] & 0xff) == 0xE1)) {
            int len = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            i += 2 + len;
        }
        out.write(jpeg, i, jpeg.length - i);
        return out.toByteArray();
    }

    private static byte[] app1(String comment) {
        byte[] tiff = tiff(comment, MAX_SEGMENT - 6);
        ByteArrayOutputStream seg = new ByteArrayOutputStream(tiff.length + 10);
        seg.write(0xFF);
        seg.write(0xE1);
        int16(seg, tiff.length + 6 + 2);
        seg.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        seg.writeBytes(tiff);
        return seg.toByteArray();
    }

    /** The EXIF TIFF structure holding the comment (what a WebP EXIF chunk holds), at most 64 KB. */
    public static byte[] tiff(String comment) {
        return tiff(comment, MAX_SEGMENT - 6);
    }

    private static byte[] tiff(String comment, int max) {
        byte[] text = comment.getBytes(StandardCharsets.UTF_16BE);
        int fixed = 44 + UNICODE.length; // TIFF header and two one-entry IFDs, the prefix
        if (fixed + text.length > max) {
            int keep = (max - fixed) & ~1;
            text = java.util.Arrays.copyOf(text, keep);
        }
        int count = UNICODE.length + text.length;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        // TIFF header, big-endian, IFD0 at 8
        b.writeBytes(new byte[] {'M', 'M', 0, 42});
        int32(b, 8);
        // IFD0: one entry pointing at the Exif IFD (offset 26), no next IFD
        int16(b, 1);
        int16(b, EXIF_IFD);
        int16(b, 4); // LONG
        int32(b, 1);
        int32(b, 26);
        int32(b, 0);
        // Exif IFD: the UserComment, its bytes at offset 44
        int16(b, 1);
        int16(b, USER_COMMENT);
        int16(b, 7); // UNDEFINED
        int32(b, count);
        int32(b, 44);
        int32(b, 0);
        b.writeBytes(UNICODE);
        b.writeBytes(text);
        return b.toByteArray();
    }

    /** The UserComment of a WebP's EXIF chunk, when it has one. */
    public static Optional<String> readWebpUserComment(byte[] webp) {
        try {
            return readWebpUserCommentOrThrow(webp);
        } catch (RuntimeException damaged) { // a damaged file has no comment to give, and stops nothing
            return Optional.empty();
        }
    }

    private static Optional<String> readWebpUserCommentOrThrow(byte[] webp) {
        int at = 12;
        while (at + 8 <= webp.length) {
            String fourCc = new String(webp, at, 4, StandardCharsets.US_ASCII);
            int len = (webp[at + 4] & 0xff) | (webp[at + 5] & 0xff) << 8 | (webp[at + 6] & 0xff) << 16
                    | (webp[at + 7] & 0xff) << 24;
            if (len < 0 || at + 8 + len > webp.length) {
                return Optional.empty();
            }
            if (fourCc.equals("EXIF")) {
                int start = at + 8;
                // some writers keep the JPEG-style "Exif\0\0" prefix
                if (len >= 6 && new String(webp, start, 6, StandardCharsets.US_ASCII).equals("Exif\0\0")) {
                    start += 6;
                }
                return userComment(webp, start, at + 8 + len);
            }
            at += 8 + len + (len & 1);
        }
        return Optional.empty();
    }

    /** The UserComment of a JPEG, when it has one Easel can read (UNICODE, ASCII or undefined-as-UTF-8). */
    public static Optional<String> readUserComment(byte[] jpeg) {
        try {
            return readUserCommentOrThrow(jpeg);
        } catch (RuntimeException damaged) { // a damaged file has no comment to give, and stops nothing
            return Optional.empty();
        }
    }

    private static Optional<String> readUserCommentOrThrow(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
            int marker = jpeg[i + 1] & 0xff;
            int len = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            if (marker == 0xE1 && i + 10 <= jpeg.length && new String(jpeg, i + 4, 6, StandardCharsets.US_ASCII)
                    .equals("Exif\0\0")) {
                return userComment(jpeg, i + 10, Math.min(jpeg.length, i + 2 + len));
            }
            i += 2 + len;
        }
        return Optional.empty();
    }

    private static Optional<String> userComment(byte[] b, int tiff, int end) {
        boolean big = b[tiff] == 'M';
        java.util.function.IntUnaryOperator u16 = at -> big ? ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff)
                : ((b[at + 1] & 0xff) << 8) | (b[at] & 0xff);
        java.util.function.IntUnaryOperator u32 = at -> big
                ? ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff)
                : ((b[at + 3] & 0xff) << 24) | ((b[at + 2] & 0xff) << 16) | ((b[at + 1] & 0xff) << 8) | (b[at] & 0xff);
        try {
            int ifd0 = tiff + u32.applyAsInt(tiff + 4);
            int exif = -1;
            for (int n = u16.applyAsInt(ifd0), k = 0; k < n; k++) {
                int e = ifd0 + 2 + 12 * k;
                if (u16.applyAsInt(e) == EXIF_IFD) {
                    exif = tiff + u32.applyAsInt(e + 8);
                }
            }
            if (exif < 0) {
                return Optional.empty();
            }
            for (int n = u16.applyAsInt(exif), k = 0; k < n; k++) {
                int e = exif + 2 + 12 * k;
                if (u16.applyAsInt(e) == USER_COMMENT) {
                    int count = u32.applyAsInt(e + 4);
                    int at = count <= 4 ? e + 8 : tiff + u32.applyAsInt(e + 8);
                    if (count < 8 || at + count > end) {
                        return Optional.empty();
                    }
                    String charset = new String(b, at, 8, StandardCharsets.US_ASCII);
                    java.nio.charset.Charset cs = charset.startsWith("UNICODE")
                            ? (big ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE)
                            : StandardCharsets.UTF_8;
                    return Optional.of(new String(b, at + 8, count - 8, cs).replace("\0", ""));
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static void int16(ByteArrayOutputStream b, int v) {
        b.write((v >>> 8) & 0xff);
        b.write(v & 0xff);
    }

    private static void int32(ByteArrayOutputStream b, int v) {
        int16(b, v >>> 16);
        int16(b, v & 0xffff);
    }
}
