package dev.easel.library;

import java.util.Arrays;

/** Bits written least significant first, as VP8L reads them. */
final class LsbBits {
    private byte[] buf;
    private int size;
    private long acc;
    private int count;

    LsbBits(int pixels) {
        buf = new byte[Math.max(1024, pixels)];
    }

    void write(int value, int n) {
        if (n == 0) {
            return;
        }
        acc |= ((long) value & ((1L << n) - 1)) << count;
        count += n;
        while (count >= 8) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = (byte) acc;
            acc >>>= 8;
            count -= 8;
        }
    }

    byte[] toByteArray() {
        byte[] out = Arrays.copyOf(buf, size + (count > 0 ? 1 : 0));
        if (count > 0) {
            out[size] = (byte) acc;
        }
        return out;
    }
}
