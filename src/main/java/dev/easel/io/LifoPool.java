package dev.easel.io;

import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Thread pools whose queue runs the latest task first: for a scrolling grid, the tile just come into view. */
public final class LifoPool {

    private LifoPool() {
    }

    /** A pool of {@code threads} daemon threads named {@code name} and a number, the newest task first. */
    public static ThreadPoolExecutor of(int threads, String name) {
        LinkedBlockingDeque<Runnable> stack = new LinkedBlockingDeque<>() {
            @Override
            public boolean offer(Runnable r) {
                return offerFirst(r);
            }
        };
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, stack,
                Thread.ofPlatform().daemon().name(name, 0).factory());
    }
}
