package dev.easel.jobs;

import dev.easel.api.HealthResponse;

import java.util.List;

/**
 * Where a shared sweep's waiting cells go: to the endpoints with free workers, as many to each as its workers can
 * take with one more waiting behind each; none to one that only has throttled workers or can't be reached; one to
 * wake an endpoint scaled to zero. Pure: {@link SweepFanout} reads /health and moves the cells.
 */
final class SweepRouter {

    /**
     * One endpoint a sweep shares.
     *
     * @param health   what its /health said, or null when it could not be read
     * @param inFlight Easel's jobs sent there that have not ended
     */
    record Lane(HealthResponse health, int inFlight) { }

    private SweepRouter() {
    }

    /** Whether cells may go there at all: it answers, and not with throttled workers only. */
    static boolean usable(Lane lane) {
        HealthResponse h = lane.health();
        return h != null && (up(h) > 0 || h.worker("throttled") == 0);
    }

    /** Workers that run or can run a job now or soon. */
    private static long up(HealthResponse h) {
        return Math.max(h.idleWorkers() + h.runningWorkers(), h.worker("ready")) + h.worker("initializing");
    }

    /** How many more cells the endpoint can take now. */
    static int room(Lane lane) {
        if (!usable(lane)) {
            return 0;
        }
        HealthResponse h = lane.health();
        long up = up(h);
        long want = up == 0 ? 1 : 2 * up; // scaled to zero: one wakes a worker; else one running, one waiting each
        long busy = Math.max(lane.inFlight(), h.inQueue() + h.inProgress());
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, want - busy));
    }

    /** How many of {@code waiting} cells to send to each lane (by index) now: the roomiest first, ties to the first. */
    static int[] plan(List<Lane> lanes, int waiting) {
        int[] room = lanes.stream().mapToInt(SweepRouter::room).toArray();
        int[] out = new int[lanes.size()];
        for (int left = waiting; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < room.length; i++) {
                if (room[i] > 0 && (best < 0 || room[i] > room[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            room[best]--;
            out[best]++;
        }
        return out;
    }
}
