package dev.easel.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep as journaled: up to three axes and, for each cell (X fastest, then Y, then Z), the job that is it.
 *
 * @param spec      each axis in its written form ({@code steps=10,20}), to re-open or extend it
 * @param base      the graph the axes were set on (API format), or null when unknown
 * @param cells     the job of each cell, in cell order
 * @param grid      the grid picture once it is saved, else null
 * @param gridImage the grid's id in the library, else null
 * @param ended     when the sweep ended (its grid saved, or none of its cells gave a picture), else null
 * @param sharedWith the other endpoints (ids) its cells may go to, routed by their free workers; empty: only its own
 */
public record SweepRun(String id, String endpointId, String title, List<Axis> axes, List<String> spec, ObjectNode base,
                       Instant created, List<Long> cells, Path grid, Long gridImage, Instant ended,
                       List<String> sharedWith) {

    /** One axis: its name ("steps", "prompt S/R") and the label of each of its values. */
    public record Axis(String name, List<String> labels) {
        public Axis {
            labels = List.copyOf(labels);
        }
    }

    public SweepRun {
        axes = List.copyOf(axes);
        spec = List.copyOf(spec);
        cells = List.copyOf(cells);
        sharedWith = List.copyOf(sharedWith);
    }

    /** Whether its cells are routed over several endpoints. */
    public boolean isShared() {
        return !sharedWith.isEmpty();
    }

    /** How many values the axis {@code i} has: 1 for an axis the sweep lacks. */
    public int size(int i) {
        return i < axes.size() ? axes.get(i).labels().size() : 1;
    }

    /** Where cell {@code n} is: {x, y, z}. */
    public int[] place(int n) {
        int nx = size(0);
        int ny = size(1);
        return new int[] {n % nx, n / nx % ny, n / (nx * ny)};
    }

    /** The labels of cell {@code n}'s values, one per axis. */
    public List<String> labels(int n) {
        int[] at = place(n);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            out.add(axes.get(i).labels().get(at[i]));
        }
        return out;
    }

    public boolean isEnded() {
        return ended != null;
    }

    SweepRun ended(Path file, Long image, Instant at) {
        return new SweepRun(id, endpointId, title, axes, spec, base, created, cells, file, image, at, sharedWith);
    }
}
