package dev.easel.workflow;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Builds PNGs with text chunks, as ComfyUI and A1111 write them, for tests. */
final class PngChunksForTests {
    private PngChunksForTests() {
    }

    static byte[] withChunks(byte[] png, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33); // signature (8) + IHDR (25)
        for (byte[] c : chunks) {
            out.write(c, 0, c.length);
        }
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    static byte[] text(String key, String value) {
        return chunk("tEXt", concat(latin1(key), new byte[] {0}, latin1(value)));
    }

    static byte[] ztxt(String key, String value) {
        return chunk("zTXt", concat(latin1(key), new byte[] {0, 0}, deflate(latin1(value))));
    }

    static byte[] itxt(String key, String value, boolean compressed) {
        byte[] data = value.getBytes(StandardCharsets.UTF_8);
        return chunk("iTXt", concat(latin1(key), new byte[] {0, (byte) (compressed ? 1 : 0), 0}, new byte[] {0},
                new byte[] {0}, compressed ? deflate(data) : data));
    }

    static byte[] chunk(String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = data.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        byte[] t = latin1(type);
        out.write(t, 0, 4);
        out.write(data, 0, n);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        long c = crc.getValue();
        out.write((int) (c >>> 24));
        out.write((int) (c >>> 16));
        out.write((int) (c >>> 8));
        out.write((int) c);
        return out.toByteArray();
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 64];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }
}
