package dev.easel.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class EaselCommandTest {

    @Test
    void helpListsTheCommandsAndDoesNotOpenTheWindow() {
        AtomicBoolean opened = new AtomicBoolean();
        CommandLine cli = new CommandLine(new EaselCommand(f -> opened.getAndSet(true) ? 0 : 0));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: easel").contains("serve-demo").contains("Runs Easel's demo endpoint");
        assertThat(opened).isFalse();
    }

    @Test
    void noArgumentsOpenTheWindow() {
        AtomicBoolean opened = new AtomicBoolean();
        assertThat(new CommandLine(new EaselCommand(f -> opened.getAndSet(true) ? 0 : 0)).execute()).isZero();
        assertThat(opened).isTrue();
    }

    @Test
    void everyCommandsHelpIsWrittenWithoutPicocliComplaining() {
        PrintStream stderr = System.err;
        var complaints = new ByteArrayOutputStream();
        System.setErr(new PrintStream(complaints, true, StandardCharsets.UTF_8));
        try {
            for (String command : List.of("serve-demo", "inspect", "decode", "startup-cache")) {
                CommandLine cli = new CommandLine(new EaselCommand(f -> 0));
                StringWriter out = new StringWriter();
                cli.setOut(new PrintWriter(out));
                assertThat(cli.execute(command, "--help")).as(command).isZero();
                assertThat(out.toString()).as(command).contains("Usage: easel " + command).doesNotContain("%n");
            }
        } finally {
            System.setErr(stderr);
        }
        // e.g. a bare % in a description: picocli then warns and prints the raw text
        assertThat(complaints.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    @Test
    void theStartupCacheIsOnlyForThePackagedApp() {
        CommandLine cli = new CommandLine(new EaselCommand(f -> 0));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(System.getProperty("jpackage.app-path")).as("a test run is not packaged").isNull();
        assertThat(cli.execute("startup-cache")).isEqualTo(2);
        assertThat(err.toString()).contains("only the packaged app has a startup cache").doesNotContain("Exception");
    }

    @Test
    void serveDemoHelpShowsItsOptions() {
        CommandLine cli = new CommandLine(new EaselCommand(f -> 0));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("serve-demo", "--help")).isZero();
        assertThat(out.toString()).contains("--port").contains("--api-key").contains("--time-scale")
                .contains("--output").contains("S3_URL").contains("LEGACY_MESSAGE");
    }

    @Test
    void aBadOptionIsAClearErrorNotAStackTrace() {
        CommandLine cli = new CommandLine(new EaselCommand(f -> 0));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("serve-demo", "--port", "eighty")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--port'").doesNotContain("Exception");
    }

    @Test
    void filesNamedOnTheCommandLineAreHandedToTheWindow() {
        List<Path> got = new ArrayList<>();
        int code = new CommandLine(new EaselCommand(f -> {
            got.addAll(f);
            return 3;
        })).execute("picture.png", "workflow.json");
        assertThat(code).as("the window's exit code").isEqualTo(3);
        assertThat(got).containsExactly(Path.of("picture.png"), Path.of("workflow.json"));
    }
}
