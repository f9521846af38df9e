package dev.easel.settings;

import dev.easel.text.ExplainedIOException;
import dev.easel.text.Text;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The folder pictures are saved in: checked before Settings accepts it, so a job never finds it unwritable. */
public final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * Makes the folder when it is missing and writes and removes a file in it.
     *
     * @throws ExplainedIOException saying why Easel can't save pictures there
     */
    public static Path check(Path folder) throws ExplainedIOException {
        Path f;
        try {
            f = folder.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ExplainedIOException(Text.of("settings.folder.invalid", folder.toString()), e);
        }
        if (!folder.isAbsolute()) {
            throw new ExplainedIOException(Text.of("settings.folder.notAbsolute", folder.toString()));
        }
        try {
            Files.createDirectories(f);
            Path probe = Files.createTempFile(f, ".easel-write-check", ".tmp");
            Files.delete(probe);
            return f;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new ExplainedIOException(Text.of("settings.folder.unwritable", f.toString(), why(e)), e);
        }
    }

    private static Text why(Exception e) {
        return switch (e) {
            case AccessDeniedException d -> Text.of("settings.folder.denied");
            case FileSystemException fs when fs.getReason() != null -> Text.literal(fs.getReason());
            case FileSystemException fs -> Text.of("settings.folder.denied");
            default -> Text.literal(e.getClass().getSimpleName());
        };
    }
}
