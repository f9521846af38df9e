package dev.easel.library;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/** A canonical prefix code over an alphabet, limited to a maximum length. */
final class PrefixCode {
    final int[] lengths;
    final int[] codes; // bit-reversed, ready to write LSB first
    final int single;  // the one used symbol (written with 0 bits), or -1

    private PrefixCode(int[] lengths, int single) {
        this.lengths = lengths;
        this.single = single;
        this.codes = new int[lengths.length];
        int[] perLength = new int[16];
        for (int len : lengths) {
            perLength[len]++;
        }
        perLength[0] = 0;
        int[] next = new int[16];
        int code = 0;
        for (int len = 1; len < 16; len++) {
            code = (code + perLength[len - 1]) << 1;
            next[len] = code;
        }
        for (int s = 0; s < lengths.length; s++) {
            int len = lengths[s];
            if (len > 0) {
                codes[s] = Integer.reverse(next[len]++) >>> (32 - len);
            }
        }
    }

    static PrefixCode of(int[] counts, int maxLength) {
        int used = 0;
        int last = -1;
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] > 0) {
                used++;
                last = s;
            }
        }
        int[] lengths = new int[counts.length];
        if (used <= 1) {
            if (last >= 0) {
                lengths[last] = 1; // a decoder reads zero bits for a code of one symbol
            }
            return new PrefixCode(lengths, last);
        }
        long[] c = new long[counts.length];
        for (int s = 0; s < counts.length; s++) {
            c[s] = counts[s];
        }
        while (true) {
            huffmanLengths(c, lengths);
            int max = Arrays.stream(lengths).max().orElse(0);
            if (max <= maxLength) {
                return new PrefixCode(lengths, -1);
            }
            for (int s = 0; s < c.length; s++) {
                if (c[s] > 0) {
                    c[s] = Math.max(1, c[s] >> 1); // flatten and try again: keeps every symbol
                }
            }
        }
    }

    /** Huffman code lengths, by repeatedly joining the two lightest trees. */
    private static void huffmanLengths(long[] counts, int[] lengths) {
        int n = counts.length;
        PriorityQueue<long[]> heap = new PriorityQueue<>(
                (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int[] parent = new int[2 * n];
        Arrays.fill(parent, -1);
        for (int s = 0; s < n; s++) {
            if (counts[s] > 0) {
                heap.add(new long[] {counts[s], s});
            }
        }
        int nextNode = n;
        while (heap.size() > 1) {
            long[] a = heap.poll();
            long[] b = heap.poll();
            parent[(int) a[1]] = nextNode;
            parent[(int) b[1]] = nextNode;
            heap.add(new long[] {a[0] + b[0], nextNode++});
        }
        for (int s = 0; s < n; s++) {
            int depth = 0;
            if (counts[s] > 0) {
                for (int p = parent[s]; p >= 0; p = parent[p]) {
                    depth++;
                }
            }
            lengths[s] = depth;
        }
    }

    int[] usedSymbols() {
        return IntStream.range(0, lengths.length).filter(s -> lengths[s] > 0).toArray();
    }

    void put(LsbBits bits, int symbol) {
        if (single >= 0) {
            return;
        }
        bits.write(codes[symbol], lengths[symbol]);
    }
}
