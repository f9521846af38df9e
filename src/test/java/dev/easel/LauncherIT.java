package dev.easel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real entry point in a child JVM. */
class LauncherIT {

    @TempDir
    Path home;

    @Test
    void withoutADisplayTheAppSaysSoPlainlyAndExits() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // the app's own logging set-up (the tests' logback-test.xml logs to the console only)
        String logback = Path.of(Launcher.class.getResource("/logback.xml").toURI()).toString();
        var builder = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Dglass.platform=gtk",
                "-Dlogback.configurationFile=" + logback,
                "-Dorg.sqlite.tmpdir=" + home, "-cp", System.getProperty("java.class.path"), Launcher.class.getName())
                .redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().put("EASEL_HOME", home.toString());
        Process child = builder.start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("it exits, nothing keeps the JVM up").isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("Easel could not open its window").contains("needs a desktop session")
                .doesNotContain("\tat ");
        // the details are in the log file
        assertThat(Files.readString(home.resolve("logs/easel.log"))).contains("JavaFX could not start");
    }
}
