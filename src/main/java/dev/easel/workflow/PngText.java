package dev.easel.workflow;

import dev.easel.text.Text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Reads the text chunks of a PNG (tEXt, zTXt, iTXt compressed or not) without decoding the image. */
public final class PngText {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    private static final int MAX_TEXT = 64 * 1024 * 1024;

    private PngText() {
    }

    public static boolean isPng(byte[] b) {
        if (b.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** Keyword → text of every text chunk, in file order (the first of a repeated keyword wins). */
    public static Map<String, String> read(byte[] png) throws WorkflowException {
        if (!isPng(png)) {
            throw new WorkflowException(Text.of("workflow.png.notPng"));
        }
        Map<String, String> out = new LinkedHashMap<>();
        int pos = SIGNATURE.length;
        while (pos + 8 <= png.length) {
            long length = readInt(png, pos) & 0xffffffffL;
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int data = pos + 8;
            if (length > png.length - data - 4L) {
                throw new WorkflowException(Text.of("workflow.png.cutShort", type));
            }
            int len = (int) length;
            switch (type) {
                case "tEXt" -> text(png, data, len, false, out);
                case "zTXt" -> text(png, data, len, true, out);
                case "iTXt" -> itxt(png, data, len, out);
                case "IEND" -> {
                    return out;
                }
                default -> { }
            }
            pos = data + len + 4;
        }
        return out;
    }

    private static void text(byte[] b, int at, int len, boolean compressed, Map<String, String> out)
            throws WorkflowException {
        int zero = indexOf(b, at, at + len);
        if (zero < 0) {
            return;
        }
        String key = new String(b, at, zero - at, StandardCharsets.ISO_8859_1);
        int start = zero + 1 + (compressed ? 1 : 0);
        byte[] raw = Arrays.copyOfRange(b, start, at + len);
        out.putIfAbsent(key, new String(compressed ? inflate(raw) : raw, StandardCharsets.ISO_8859_1));
    }

    private static void itxt(byte[] b, int at, int len, Map<String, String> out) throws WorkflowException {
        int end = at + len;
        int zero = indexOf(b, at, end);
        if (zero < 0 || zero + 3 > end) {
            return;
        }
        String key = new String(b, at, zero - at, StandardCharsets.ISO_8859_1);
        boolean compressed = b[zero + 1] != 0;
        int lang = indexOf(b, zero + 3, end);
        int translated = lang < 0 ? -1 : indexOf(b, lang + 1, end);
        if (translated < 0) {
            return;
        }
        byte[] raw = Arrays.copyOfRange(b, translated + 1, end);
        out.putIfAbsent(key, new String(compressed ? inflate(raw) : raw, StandardCharsets.UTF_8));
    }

    private static byte[] inflate(byte[] data) throws WorkflowException {
        Inflater inflater = new Inflater();
        inflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
        byte[] buf = new byte[8192];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new WorkflowException(Text.of("workflow.png.badZtxt"));
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_TEXT) {
                    throw new WorkflowException(Text.of("workflow.png.hugeText"));
                }
            }
        } catch (DataFormatException e) {
            throw new WorkflowException(Text.of("workflow.png.badZtxt"));
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
