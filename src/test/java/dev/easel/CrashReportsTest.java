package dev.easel;

import dev.easel.settings.AppFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CrashReportsTest {

    @TempDir
    Path dir;

    @Test
    void aReportSaysWhatHappenedWithoutSecrets() throws Exception {
        var error = new IllegalStateException("request failed: Authorization: Bearer rpa_ABCDEF1234567890XYZ "
                + "api_key=sk-live-123456789 token: abc.def.ghi");
        AppFolders folders = AppFolders.under(dir);
        String report = CrashReports.text(Thread.currentThread(), error, folders);
        assertThat(report).contains("IllegalStateException").contains("Easel ").contains("Java ")
                .contains("at dev.easel.CrashReportsTest")
                .doesNotContain("rpa_ABCDEF1234567890XYZ").doesNotContain("sk-live-123456789")
                .doesNotContain("abc.def.ghi");
        Path file = CrashReports.write(report, folders);
        assertThat(file).isNotNull().exists();
        assertThat(file.getParent()).isEqualTo(folders.logs());
        assertThat(Files.readString(file)).isEqualTo(report);
    }

    @Test
    void theVersionComesFromTheBuild() {
        assertThat(AboutEasel.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(AboutEasel.versions()).contains("JavaFX").contains(System.getProperty("os.name"));
    }
}
