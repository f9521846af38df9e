package dev.easel.jobs;

import dev.easel.api.AccountConfig;
import dev.easel.api.AccountEndpoint;
import dev.easel.api.BillingQuery;
import dev.easel.api.BillingReport;
import dev.easel.api.EndpointChange;
import dev.easel.api.EndpointDraft;
import dev.easel.api.EndpointWorkers;
import dev.easel.api.GpuType;
import dev.easel.api.LogStream;
import dev.easel.api.NetworkVolume;
import dev.easel.api.OkHttpRunpodAccount;
import dev.easel.api.RetryPolicy;
import dev.easel.api.RunpodAccount;
import dev.easel.api.RunpodException;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.text.Refused;
import dev.easel.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Keep warm: journaled before the raise, restored at the end, and at the next start after a crash. */
class KeepWarmIT {

    @TempDir
    Path dir;
    private DemoEndpoint demo;
    private OkHttpRunpodAccount account;
    private final Instant t0 = Instant.parse("2026-12-02T12:00:00Z");

    @BeforeEach
    void start() throws Exception {
        demo = DemoEndpoint.start(DemoConfig.fast());
        account = new OkHttpRunpodAccount(AccountConfig.of(demo.baseUrl(), "k")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetry(RetryPolicy.NONE));
    }

    @AfterEach
    void stop() {
        account.close();
        demo.close();
    }

    private KeepWarm warm(Instant now) {
        return new KeepWarm(dir.resolve("profile/keep-warm.json"), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aWarmSpellIsJournaledRaisesMinWorkersAndGivesTheOldValueBack() {
        KeepWarm w = warm(t0);
        KeepWarm.Warmth on = w.start(account, "demo", 1, Duration.ofMinutes(30));
        assertThat(on.previousMin()).isZero();
        assertThat(on.raisedMin()).isEqualTo(1);
        assertThat(on.until()).isEqualTo(t0.plus(Duration.ofMinutes(30)));
        assertThat(on.costPerMinute(1.116 / 3600)).isCloseTo(0.0186, within(1e-4));
        assertThat(account.endpoint("demo").workersMin()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("profile/keep-warm.json"))).isTrue();
        assertThat(w.due()).isFalse();
        assertThatThrownBy(() -> w.start(account, "demo", 1, Duration.ofMinutes(5))).as("one at a time")
                .isInstanceOf(IllegalStateException.class);

        assertThat(w.end(account)).isEqualTo(KeepWarm.Ended.RESTORED);
        assertThat(account.endpoint("demo").workersMin()).isZero();
        assertThat(w.current()).isEmpty();
        assertThat(w.end(account)).isEqualTo(KeepWarm.Ended.NONE);
    }

    @Test
    void afterACrashTheNextStartRestoresAWarmSpellWhoseTimeIsUpAndKeepsOneThatIsNot() {
        warm(t0).start(account, "demo", 1, Duration.ofMinutes(30));
        // Easel is killed here; it starts again 10 minutes later: the spell goes on, then ends when due
        KeepWarm restarted = warm(t0.plus(Duration.ofMinutes(10)));
        assertThat(restarted.resume(account)).map(KeepWarm.Warmth::raisedMin).contains(1);
        assertThat(account.endpoint("demo").workersMin()).isEqualTo(1);

        KeepWarm muchLater = warm(t0.plus(Duration.ofHours(9)));
        assertThat(muchLater.due()).isTrue();
        assertThat(muchLater.resume(account)).isEmpty();
        assertThat(account.endpoint("demo").workersMin()).as("given back at the start").isZero();
        assertThat(Files.exists(dir.resolve("profile/keep-warm.json"))).isFalse();
    }

    @Test
    void aMinChangedElsewhereMeanwhileIsLeftAloneAndAGoneEndpointEndsTheSpell() {
        KeepWarm w = warm(t0);
        w.start(account, "demo", 1, Duration.ofMinutes(30));
        account.update("demo", EndpointChange.workers(2, null)); // the user, in Runpod's console
        assertThat(w.end(account)).isEqualTo(KeepWarm.Ended.CHANGED_ELSEWHERE);
        assertThat(account.endpoint("demo").workersMin()).isEqualTo(2);

        AccountEndpoint other = account.create(new EndpointDraft("short-lived", "runpod/worker-comfyui:5.8.5-sdxl",
                List.of("AMPERE_24"), 1, List.of(), 0, 2, 5, 4, "OFF", 600_000, 15, Map.of(), List.of()));
        w.start(account, other.id(), 1, Duration.ofMinutes(30));
        account.delete(other.id());
        assertThat(w.end(account)).isEqualTo(KeepWarm.Ended.ENDPOINT_GONE);
        assertThat(w.current()).isEmpty();
    }

    @Test
    void aScaledDownEndpointIsRefusedWithASentenceAndNothingIsJournaled() {
        demo.account().scaleDown("demo", 0);
        KeepWarm w = warm(t0);
        assertThatThrownBy(() -> w.start(account, "demo", 1, Duration.ofMinutes(30))).isInstanceOf(Refused.class)
                .hasMessageContaining("max workers is 0");
        assertThat(w.current()).isEmpty();
    }

    @Test
    void aRaiseThatMayHaveHappenedStaysJournaledAndIsGivenBackOnTheNextTry() {
        RunpodAccount flaky = new Delegate(account) {
            @Override
            public AccountEndpoint update(String id, EndpointChange change) {
                account.update(id, change); // it reached Runpod, and the answer was lost
                throw new RunpodException(RunpodException.Kind.NETWORK, Text.of("api.net.brokeOff", "demo"), "");
            }
        };
        KeepWarm w = warm(t0);
        assertThatThrownBy(() -> w.start(flaky, "demo", 1, Duration.ofMinutes(30))).isInstanceOf(RunpodException.class);
        assertThat(w.current()).as("kept: it may be on").isPresent();
        assertThat(account.endpoint("demo").workersMin()).isEqualTo(1);
        assertThat(w.end(account)).isEqualTo(KeepWarm.Ended.RESTORED);
        assertThat(account.endpoint("demo").workersMin()).isZero();
    }

    /** A RunpodAccount that passes every call on. */
    private static class Delegate implements RunpodAccount {
        private final RunpodAccount d;

        Delegate(RunpodAccount d) {
            this.d = d;
        }

        @Override
        public List<AccountEndpoint> endpoints() {
            return d.endpoints();
        }

        @Override
        public AccountEndpoint endpoint(String id) {
            return d.endpoint(id);
        }

        @Override
        public AccountEndpoint create(EndpointDraft draft) {
            return d.create(draft);
        }

        @Override
        public AccountEndpoint update(String id, EndpointChange change) {
            return d.update(id, change);
        }

        @Override
        public void delete(String id) {
            d.delete(id);
        }

        @Override
        public EndpointWorkers workers(String id) {
            return d.workers(id);
        }

        @Override
        public LogStream logs(String endpointId, String workerId, int tail, String lastEventId) {
            return d.logs(endpointId, workerId, tail, lastEventId);
        }

        @Override
        public List<GpuType> gpus() {
            return d.gpus();
        }

        @Override
        public BillingReport billing(BillingQuery query) {
            return d.billing(query);
        }

        @Override
        public List<NetworkVolume> networkVolumes() {
            return d.networkVolumes();
        }

        @Override
        public void close() {
        }
    }
}
