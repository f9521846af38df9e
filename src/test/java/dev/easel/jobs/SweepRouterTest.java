package dev.easel.jobs;

import dev.easel.api.HealthResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SweepRouterTest {

    private static SweepRouter.Lane lane(long idle, long running, long throttled, long inQueue, int inFlight) {
        return new SweepRouter.Lane(new HealthResponse(Map.of("inQueue", inQueue, "inProgress", running),
                Map.of("idle", idle, "running", running, "throttled", throttled)), inFlight);
    }

    @Test
    void eachEndpointTakesTwoCellsAWorkerLessWhatItAlreadyHas() {
        assertThat(SweepRouter.room(lane(2, 0, 0, 0, 0))).isEqualTo(4);
        assertThat(SweepRouter.room(lane(1, 1, 0, 1, 2))).isEqualTo(2);
        assertThat(SweepRouter.room(lane(0, 2, 0, 3, 0))).as("others' jobs count too").isZero();
    }

    @Test
    void aThrottledOrUnreachableEndpointTakesNoneAndOneScaledToZeroTakesOneToWakeAWorker() {
        assertThat(SweepRouter.usable(lane(0, 0, 1, 0, 0))).isFalse();
        assertThat(SweepRouter.room(lane(0, 0, 1, 0, 0))).isZero();
        assertThat(SweepRouter.usable(new SweepRouter.Lane(null, 0))).isFalse();
        assertThat(SweepRouter.room(lane(0, 0, 0, 0, 0))).isEqualTo(1);
        assertThat(SweepRouter.room(lane(0, 0, 0, 1, 1))).as("its one cell waits for the cold start").isZero();
        assertThat(SweepRouter.usable(lane(1, 0, 3, 0, 0))).as("some workers are up").isTrue();
    }

    @Test
    void cellsGoToTheRoomiestFirstAndNoMoreThanThereIsRoom() {
        List<SweepRouter.Lane> lanes = List.of(lane(1, 0, 0, 0, 0), lane(3, 0, 0, 0, 0), lane(0, 0, 1, 0, 0));
        assertThat(SweepRouter.plan(lanes, 5)).containsExactly(1, 4, 0);
        assertThat(SweepRouter.plan(lanes, 100)).containsExactly(2, 6, 0);
        assertThat(SweepRouter.plan(lanes, 0)).containsExactly(0, 0, 0);
        assertThat(SweepRouter.plan(List.of(lane(1, 0, 0, 0, 0), lane(1, 0, 0, 0, 0)), 3)).containsExactly(2, 1);
    }
}
