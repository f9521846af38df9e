package dev.easel.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class EaselCommandTest {

    @Test
    void helpListsTheCommandsAndDoesNotOpenTheWindow() {
        AtomicBoolean opened = new AtomicBoolean();
        CommandLine cli = new CommandLine(new EaselCommand(() -> opened.set(true)));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: easel").contains("serve-demo").contains("Runs Easel's demo endpoint");
        assertThat(opened).isFalse();
    }

    @Test
    void noArgumentsOpenTheWindow() {
        AtomicBoolean opened = new AtomicBoolean();
        assertThat(new CommandLine(new EaselCommand(() -> opened.set(true))).execute()).isZero();
        assertThat(opened).isTrue();
    }

    @Test
    void serveDemoHelpShowsItsOptions() {
        CommandLine cli = new CommandLine(new EaselCommand(() -> { }));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("serve-demo", "--help")).isZero();
        assertThat(out.toString()).contains("--port").contains("--api-key").contains("--time-scale")
                .contains("--output").contains("S3_URL").contains("LEGACY_MESSAGE");
    }

    @Test
    void aBadOptionIsAClearErrorNotAStackTrace() {
        CommandLine cli = new CommandLine(new EaselCommand(() -> { }));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("serve-demo", "--port", "eighty")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--port'").doesNotContain("Exception");
    }
}
