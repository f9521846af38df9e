package dev.easel;

import dev.easel.cli.EaselCommand;
import javafx.application.Application;
import picocli.CommandLine;

/** The program's entry point: no arguments open the window, otherwise a command of {@link EaselCommand}. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        // before any logger exists: logback writes to the platform's log folder
        if (System.getProperty("easel.logDir") == null) {
            System.setProperty("easel.logDir", dev.easel.settings.AppFolders.platform().logs().toString());
        }
        CommandLine cli = new CommandLine(new EaselCommand(files -> {
            App.openAtStart(files);
            Application.launch(App.class, args);
            return App.exitCode();
        }))
                .setCaseInsensitiveEnumValuesAllowed(true);
        int code = cli.execute(args);
        System.exit(code);
    }
}
