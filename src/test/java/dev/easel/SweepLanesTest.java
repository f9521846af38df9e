package dev.easel;

import dev.easel.settings.EndpointProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SweepLanesTest {

    @Test
    void aSweepMayShareTheOtherRealEndpointsEachOnceNotTheDemoNorItsOwn() {
        var own = EndpointProfile.runpod("Studio", "ep-a");
        var other = EndpointProfile.runpod("Spare", "ep-b");
        var sameEndpoint = EndpointProfile.runpod("Spare again", "ep-b");
        var third = EndpointProfile.runpod("Big", "ep-c");
        List<EndpointProfile> all = List.of(EndpointProfile.demoProfile(), own, other, sameEndpoint, third);
        assertThat(SweepLanes.candidates(all, "ep-a")).containsExactly(other, third);
        assertThat(SweepLanes.candidates(List.of(EndpointProfile.demoProfile(), own), "ep-a")).isEmpty();
    }
}
