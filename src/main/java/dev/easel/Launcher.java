package dev.easel;

import dev.easel.cli.EaselCommand;
import picocli.CommandLine;

/** The program's entry point: no arguments opens the window, otherwise a command of {@link EaselCommand}. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        int code = new CommandLine(new EaselCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0 || args.length > 0) {
            System.exit(code);
        }
    }
}
