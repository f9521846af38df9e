package dev.easel.library;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Splices text chunks into a PNG as received, without re-encoding the image: after IHDR, as
 * {@code tEXt} (Latin-1, what ComfyUI writes and reads) or uncompressed {@code iTXt} for other text.
 */
public final class PngChunks {

    private static final int SIGNATURE = 8;

    private PngChunks() {
    }

    /**
     * A copy of {@code png} with one text chunk per entry, in map order, right after IHDR.
     *
     * @throws IllegalArgumentException when the bytes are not a PNG that starts with an intact IHDR chunk
     */
    public static byte[] withText(byte[] png, Map<String, String> texts) {
        if (png.length < SIGNATURE + 25 || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') {
            throw new IllegalArgumentException("not a PNG with an IHDR chunk");
        }
        int ihdrEnd = SIGNATURE + 8 + readInt(png, SIGNATURE) + 4;
        if (ihdrEnd > png.length) {
            throw new IllegalArgumentException("truncated PNG");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 4096);
        out.write(png, 0, ihdrEnd);
        for (Map.Entry<String, String> e : texts.entrySet()) {
            byte[] chunk = latin1Safe(e.getValue()) ? tEXt(e.getKey(), e.getValue()) : iTXt(e.getKey(), e.getValue());
            out.write(chunk, 0, chunk.length);
        }
        // the rest, less older text chunks of the same keywords (ComfyUI's own prompt/workflow, say): ours replace
        int at = ihdrEnd;
        while (at + 12 <= png.length) {
            int len = readInt(png, at);
            int end = at + 12 + len;
            if (len < 0 || end > png.length) {
                out.write(png, at, png.length - at); // trailing bytes as they were
                break;
            }
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            boolean replaced = false;
            if (type.equals("tEXt") || type.equals("iTXt") || type.equals("zTXt")) {
                int nul = at + 8;
                while (nul < at + 8 + len && png[nul] != 0) {
                    nul++;
                }
                replaced = texts.containsKey(new String(png, at + 8, nul - at - 8, StandardCharsets.ISO_8859_1));
            }
            if (!replaced) {
                out.write(png, at, end - at);
            }
            at = end;
        }
        if (at < png.length && at + 12 > png.length) {
            out.write(png, at, png.length - at);
        }
        return out.toByteArray();
    }

    /** True when a PNG ends with an intact IEND chunk: a result cut short in transit fails this. */
    public static boolean isComplete(byte[] png) {
        int n = png.length;
        return n >= SIGNATURE + 12 && png[n - 8] == 'I' && png[n - 7] == 'E' && png[n - 6] == 'N' && png[n - 5] == 'D';
    }

    private static boolean latin1Safe(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }

    private static byte[] tEXt(String key, String value) {
        return chunk("tEXt", concat(key.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0},
                value.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static byte[] iTXt(String key, String value) {
        // keyword, NUL, compression flag 0, method 0, empty language tag + NUL, empty translated keyword + NUL
        return chunk("iTXt", concat(key.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 0, 0, 0, 0},
                value.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 12);
        writeInt(out, data.length);
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        out.write(t, 0, 4);
        out.write(data, 0, data.length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }
}
