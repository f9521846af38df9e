package dev.easel.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One Easel per profile: a second start hands its files to the first and does not run. */
class InstanceLockIT {

    @TempDir
    Path data;

    @Test
    void aSecondStartHandsItsFilesToTheFirstAndASecretGuardsTheDoor() throws Exception {
        var first = InstanceLock.acquireOrHand(data, List.of());
        assertThat(first).isInstanceOf(InstanceLock.Acquired.class);
        InstanceLock lock = ((InstanceLock.Acquired) first).lock();
        List<List<Path>> received = new CopyOnWriteArrayList<>();
        try {
            var second = InstanceLock.acquireOrHand(data, List.of(Path.of("a.png"), Path.of("b.json")));
            assertThat(second).isEqualTo(new InstanceLock.Handed(2));
            lock.onFiles(received::add); // files that came before the studio was ready are kept for it
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
            assertThat(received.getFirst()).containsExactly(Path.of("a.png").toAbsolutePath(),
                    Path.of("b.json").toAbsolutePath());

            // a start that can't read the address says so instead of running a second Easel
            Files.writeString(data.resolve("instance.port"), "garbage");
            var third = InstanceLock.acquireOrHand(data, List.of());
            assertThat(third).isInstanceOf(InstanceLock.AlreadyRunning.class);
            assertThat(((InstanceLock.AlreadyRunning) third).why()).hasToString("its address file is damaged");
        } finally {
            lock.close();
        }
        assertThat(InstanceLock.acquireOrHand(data, List.of())).as("free again once closed")
                .isInstanceOfSatisfying(InstanceLock.Acquired.class, a -> a.lock().close());
    }
}
