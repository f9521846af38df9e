package dev.easel.demo;

/** The demo's simulated GPU workers: each one's state, id, log, and the endpoint it last served. */
final class DemoFleet {

    private final DemoEngine.WorkerState[] workerStates;
    /** Each worker's id, and the endpoint it last served (null: none yet, the demo's own). */
    private final String[] workerIds;
    private final String[] serving;
    private final DemoWorkerLog[] logs;

    DemoFleet(int workers, DemoEngine.WorkerState initial) {
        workerStates = new DemoEngine.WorkerState[workers];
        workerIds = new String[workers];
        serving = new String[workers];
        logs = new DemoWorkerLog[workers];
        for (int i = 0; i < workers; i++) {
            workerStates[i] = initial;
            workerIds[i] = DemoWorker.randomWorkerId();
            logs[i] = new DemoWorkerLog();
        }
    }

    /** How many workers are in each state, by the state's ordinal. */
    int[] counts() {
        int[] c = new int[DemoEngine.WorkerState.values().length];
        synchronized (workerStates) {
            for (DemoEngine.WorkerState s : workerStates) {
                c[s.ordinal()]++;
            }
        }
        return c;
    }

    int count() {
        return workerStates.length;
    }

    String id(int index) {
        return workerIds[index];
    }

    DemoWorkerLog log(int index) {
        return logs[index];
    }

    /** The endpoint a worker last served, or null. */
    String serving(int index) {
        synchronized (workerStates) {
            return serving[index];
        }
    }

    /**
     * Whether worker {@code index} may start {@code job} now: GPUs are not throttled and the job's endpoint has fewer
     * of its workers busy than {@code max} (0 after an idle scale-down: jobs wait in the queue, as on Runpod). When it may,
     * the worker is counted as that endpoint's from now.
     */
    boolean claim(int index, DemoJob job, int max, boolean throttled) {
        synchronized (workerStates) {
            if (throttled) {
                return false;
            }
            int busy = 0;
            for (int i = 0; i < workerStates.length; i++) {
                if (i != index && job.endpointId.equals(serving[i])
                        && (workerStates[i] == DemoEngine.WorkerState.RUNNING
                        || workerStates[i] == DemoEngine.WorkerState.INITIALIZING)) {
                    busy++;
                }
            }
            if (busy >= max) {
                return false;
            }
            serving[index] = job.endpointId;
            return true;
        }
    }

    /** How many workers of the endpoint are up (not cold) below {@code index}: its rank among them. */
    int warmRank(int index, String endpointId) {
        synchronized (workerStates) {
            int rank = 0;
            for (int i = 0; i < index; i++) {
                if (workerStates[i] != DemoEngine.WorkerState.COLD && endpointId.equals(servingOrDemo(i))) {
                    rank++;
                }
            }
            return rank;
        }
    }

    /**
     * A cold worker starts for an endpoint whose min workers are more than it has up, as Runpod does when min
     * workers is raised; true when this one does (it is INITIALIZING for that endpoint from now).
     */
    boolean warmFor(int index, String endpointId, int min) {
        synchronized (workerStates) {
            if (workerStates[index] != DemoEngine.WorkerState.COLD) {
                return false;
            }
            int up = 0;
            for (int i = 0; i < workerStates.length; i++) {
                if (workerStates[i] != DemoEngine.WorkerState.COLD && endpointId.equals(servingOrDemo(i))) {
                    up++;
                }
            }
            if (up >= min) {
                return false;
            }
            serving[index] = endpointId;
            workerStates[index] = DemoEngine.WorkerState.INITIALIZING;
            return true;
        }
    }

    /** The endpoint a worker serves: the demo's own until it served another. */
    String servingOrDemo(int index) {
        synchronized (workerStates) {
            return serving[index] == null ? DemoAccount.DEMO_ID : serving[index];
        }
    }

    DemoEngine.WorkerState state(int index) {
        synchronized (workerStates) {
            return workerStates[index];
        }
    }

    void state(int index, DemoEngine.WorkerState s) {
        synchronized (workerStates) {
            workerStates[index] = s;
        }
    }

}
