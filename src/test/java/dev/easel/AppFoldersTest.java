package dev.easel;

import dev.easel.settings.AppFolders;
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
    }
}
