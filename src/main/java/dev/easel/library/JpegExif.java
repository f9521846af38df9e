package dev.easel.library;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one piece of EXIF Easel writes: a UserComment holding the A1111 {@code parameters} text, encoded as
 * AUTOMATIC1111 itself writes it (piexif's "UNICODE" comment: an 8-byte charset prefix, then UTF-16BE). Reading is
 * {@link dev.easel.workflow.ExifText}'s, with metadata-extractor.
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
            text = Arrays.copyOf(text, keep);
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

    private static void int16(ByteArrayOutputStream b, int v) {
        b.write((v >>> 8) & 0xff);
        b.write(v & 0xff);
    }

    private static void int32(ByteArrayOutputStream b, int v) {
        int16(b, v >>> 16);
        int16(b, v & 0xffff);
    }
}
