package dev.easel.cli;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StartupCacheTest {

    @TempDir
    Path dir;

    private static final String CFG = """
            [Application]
            app.mainmodule=dev.easel/dev.easel.Launcher

            [JavaOptions]
            java-options=-Djpackage.app-version=0.1.0
            java-options=-XX:AOTCache=$APPDIR/easel.aot
            java-options=-Xlog:aot=off
            java-options=-Xshare:auto
            java-options=-XX:TieredStopAtLevel=1
            java-options=--enable-native-access=javafx.graphics,ALL-UNNAMED
            java-options=-Dbin=$BINDIR -Droot=$ROOTDIR
            java-options=--module-path
            java-options=$APPDIR/mods
            """;

    private Path file(String path, String text) throws Exception {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }

    @Test
    void findsTheAppFolderOfEachPlatformsLayout() throws Exception {
        Path linux = file("linux/bin/Easel", "");
        file("linux/lib/app/Easel.cfg", CFG);
        Path windows = file("win/Easel.exe", "");
        file("win/app/Easel.cfg", CFG);
        Path mac = file("Easel.app/Contents/MacOS/Easel", "");
        file("Easel.app/Contents/app/Easel.cfg", CFG);

        assertThat(StartupCache.Layout.of(linux)).hasValueSatisfying(l -> {
            assertThat(l.appDir()).isEqualTo(dir.resolve("linux/lib/app"));
            assertThat(l.root()).isEqualTo(dir.resolve("linux"));
            assertThat(l.cache()).isEqualTo(dir.resolve("linux/lib/app/easel.aot"));
        });
        assertThat(StartupCache.Layout.of(windows)).hasValueSatisfying(l -> {
            assertThat(l.appDir()).isEqualTo(dir.resolve("win/app"));
            assertThat(l.config()).isEqualTo(dir.resolve("win/app/Easel.cfg"));
        });
        assertThat(StartupCache.Layout.of(mac)).hasValueSatisfying(l -> {
            assertThat(l.appDir()).isEqualTo(dir.resolve("Easel.app/Contents/app"));
            assertThat(l.root()).isEqualTo(dir.resolve("Easel.app"));
        });
        assertThat(StartupCache.Layout.of(file("loose/Easel", ""))).as("no .cfg beside it").isEmpty();
    }

    @Test
    void theTrainingRunsTheSmokeTestWithTheLaunchersOptionsAndWritesInsteadOfReadingTheCache() throws Exception {
        Path launcher = file("app/bin/Easel", "");
        file("app/lib/app/Easel.cfg", CFG);
        var layout = StartupCache.Layout.of(launcher).orElseThrow();
        Path appDir = dir.resolve("app/lib/app");

        List<String> command = StartupCache.trainingCommand(layout, Path.of("/rt/bin/java"), appDir.resolve("new.aot"));

        assertThat(command).containsExactly("/rt/bin/java", "-Djpackage.app-version=0.1.0", "-Xlog:aot=off",
                "-XX:TieredStopAtLevel=1", "--enable-native-access=javafx.graphics,ALL-UNNAMED",
                "-Dbin=" + dir.resolve("app/bin") + " -Droot=" + dir.resolve("app"),
                "--module-path", appDir.resolve("mods").toString(),
                "-Djpackage.app-path=" + launcher, "-XX:AOTCacheOutput=" + appDir.resolve("new.aot"),
                "-m", "dev.easel/dev.easel.Launcher", "--smoke-test");
    }

    @Test
    void aCacheIsCurrentOnlyForTheJarsAndOptionsItWasMadeFor() throws Exception {
        Path launcher = file("app/bin/Easel", "");
        file("app/lib/app/Easel.cfg", CFG);
        Path jar = file("app/lib/app/mods/easel.jar", "classes");
        var layout = StartupCache.Layout.of(launcher).orElseThrow();
        assertThat(StartupCache.isCurrent(layout)).as("no cache").isFalse();

        Files.writeString(layout.cache(), "cache");
        assertThat(StartupCache.isCurrent(layout)).as("a cache nobody says what it was made for").isFalse();
        Files.writeString(layout.cacheId(), StartupCache.fingerprint(layout) + "\n");
        assertThat(StartupCache.isCurrent(layout)).isTrue();

        Files.writeString(jar, "classes of the next version"); // an update replaced the jars, not the cache
        assertThat(StartupCache.isCurrent(layout)).isFalse();
        Files.writeString(layout.cacheId(), StartupCache.fingerprint(layout));
        assertThat(StartupCache.isCurrent(layout)).isTrue();
        Files.writeString(layout.config(), CFG + "java-options=-Xmx2g\n"); // other launcher options
        assertThat(StartupCache.isCurrent(layout)).isFalse();
    }

    @Test
    void theLauncherConfigurationIsReadAsWrittenAndLinesItDoesntUseAreKept() throws Exception {
        Path cfg = file("x/Easel.cfg", CFG + "\n[ArgOptions]\narguments=--verbose\n");
        var config = StartupCache.LauncherConfig.read(cfg);
        assertThat(config.mainModule()).isEqualTo("dev.easel/dev.easel.Launcher");
        assertThat(config.javaOptions()).startsWith("-Djpackage.app-version=0.1.0", "-XX:AOTCache=$APPDIR/easel.aot")
                .endsWith("--module-path", "$APPDIR/mods").hasSize(9);
        assertThat(config.otherLines()).containsExactly("[ArgOptions] arguments=--verbose");
    }

    @Test
    void aConfigurationWithoutAMainModuleIsRefused() throws Exception {
        Path launcher = file("app/bin/Easel", "");
        file("app/lib/app/Easel.cfg", "[JavaOptions]\njava-options=-Xmx1g\n");
        var layout = StartupCache.Layout.of(launcher).orElseThrow();
        Assertions.assertThatThrownBy(() -> StartupCache.trainingCommand(layout,
                Path.of("java"), dir.resolve("x.aot"))).hasMessageContaining("no main module");
    }

    @Test
    void aFailedTrainingChangesNothingAndLeavesNoTemporaryFiles() throws Exception {
        Path launcher = file("app/bin/Easel", "");
        // a module that doesn't exist: the JVM exits at once with an error
        file("app/lib/app/Easel.cfg", "[Application]\napp.mainmodule=no.such.module/no.Such\n\n[JavaOptions]\n"
                + "java-options=-Xss2m\n");
        var layout = StartupCache.Layout.of(launcher).orElseThrow();
        Path log = dir.resolve("training.log");

        StartupCache.Outcome outcome = StartupCache.write(layout, log);

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.message().toString()).contains("no startup cache written");
        assertThat(Files.readString(log)).contains("no.such.module");
        try (var files = Files.list(dir.resolve("app/lib/app"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("Easel.cfg");
        }
    }
}
