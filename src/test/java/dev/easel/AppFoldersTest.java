package dev.easel;

import dev.easel.settings.AppFolders;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AppFoldersTest {
    @Test
    void platformFoldersAreAbsoluteAndNamedForEasel() {
        AppFolders f = AppFolders.platform();
        assertThat(f.data()).isAbsolute();
        assertThat(f.data().toString().toLowerCase()).contains("easel");
        assertThat(f.templates().startsWith(f.data())).isTrue();
    }

    @Test
    void oneRootForTestsAndPortableUse() {
        AppFolders f = AppFolders.under(Path.of("/tmp/easel-x"));
        assertThat(f.templates()).isEqualTo(Path.of("/tmp/easel-x/data/templates"));
        assertThat(f.cache()).isEqualTo(Path.of("/tmp/easel-x/cache"));
        assertThat(f.logs()).as("error reports too").isEqualTo(Path.of("/tmp/easel-x/logs"));
    }

    @Test
    void testsRunWithAHomeOfTheirOwn() {
        // the build gives the test JVM a home under target/: nothing a test forgets to redirect reaches the user's
        assertThat(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize().toString())
                .contains("target").endsWith("test-home");
        Assumptions.assumeTrue(System.getenv("XDG_STATE_HOME") == null, "XDG_STATE_HOME is set");
        assertThat(AppFolders.platform().logs().toAbsolutePath().startsWith(
                Path.of(System.getProperty("user.home")).toAbsolutePath())).isTrue();
    }
}
