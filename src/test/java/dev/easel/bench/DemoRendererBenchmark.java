package dev.easel.bench;

import dev.easel.demo.DemoRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** How long the demo endpoint takes to paint and encode one picture: its floor for a job's execution time. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DemoRendererBenchmark {

    @Param({"512", "1024"})
    public int size;

    private final DemoRenderer renderer = new DemoRenderer();
    private long seed;

    @Benchmark
    public byte[] renderPng() {
        return renderer.renderPng("a whimsical treehouse in a cherry blossom tree", seed++, 20, size, size, 0);
    }
}
