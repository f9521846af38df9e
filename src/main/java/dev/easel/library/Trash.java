package dev.easel.library;

import dev.easel.text.ExplainedIOException;
import dev.easel.text.Text;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Moves files to the desktop's trash, so a deletion can be undone there. On Linux and other freedesktop systems
 * this follows the XDG trash specification (home trash: {@code files/} plus an {@code info/*.trashinfo} record);
 * elsewhere it asks the desktop (Windows' recycle bin, macOS' Trash) through AWT.
 */
public final class Trash {

    private final Path xdgTrash;

    /** @param xdgTrash the freedesktop home trash folder, or null to use the desktop's own trash through AWT */
    public Trash(Path xdgTrash) {
        this.xdgTrash = xdgTrash;
    }

    /** The trash of this system: {@code $XDG_DATA_HOME/Trash} on Linux/BSD, the desktop's elsewhere. */
    public static Trash platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return new Trash(null);
        }
        String data = System.getenv("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return new Trash(base.resolve("Trash"));
    }

    /** Whether files go to the freedesktop.org trash folder (Linux) rather than the system's Recycle Bin / Trash. */
    public boolean freedesktop() {
        return xdgTrash != null;
    }

    /**
     * A file in the freedesktop trash, with what puts it back.
     *
     * @param original where it was
     * @param trashed  where it is now, in the trash's {@code files}
     * @param info     its {@code .trashinfo} record
     */
    public record Trashed(Path original, Path trashed, Path info) { }

    /**
     * Moves one file to the trash.
     *
     * @return where it went, to {@link #restore} it; null when the desktop's own trash took it (or it was gone)
     * @throws IOException when it can't (the file stays where it was)
     */
    public Trashed moveToTrash(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        if (xdgTrash == null) {
            desktopTrash(file);
            return null;
        }
        Path files = xdgTrash.resolve("files");
        Path info = xdgTrash.resolve("info");
        Files.createDirectories(files);
        Files.createDirectories(info);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String record = "[Trash Info]\nPath=" + encode(file.toAbsolutePath().normalize().toString())
                + "\nDeletionDate=" + LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "\n";
        for (int n = 1; n < 10_000; n++) {
            String trashed = n == 1 ? name : stem + "." + n + ext;
            Path infoFile = info.resolve(trashed + ".trashinfo");
            try {
                // the info file first, created exclusively: it reserves the name (as the specification asks)
                Files.writeString(infoFile, record, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            try {
                Files.move(file, files.resolve(trashed));
                return new Trashed(file.toAbsolutePath().normalize(), files.resolve(trashed), infoFile);
            } catch (IOException e) {
                Files.deleteIfExists(infoFile);
                throw new ExplainedIOException(Text.of("library.trash.cantMove", name, e.getMessage()), e);
            }
        }
        throw new ExplainedIOException(Text.of("library.trash.tooMany", name));
    }

    /**
     * Puts a trashed file back where it was (Undo), and drops its trash record.
     *
     * @throws IOException when it can't: another file took its place, or the trash no longer has it
     */
    public void restore(Trashed t) throws IOException {
        if (Files.exists(t.original())) {
            throw new ExplainedIOException(Text.of("library.trash.placeTaken", t.original().getFileName()));
        }
        if (!Files.exists(t.trashed())) {
            throw new ExplainedIOException(Text.of("library.trash.gone", t.original().getFileName()));
        }
        Files.move(t.trashed(), t.original());
        Files.deleteIfExists(t.info());
    }

    private static void desktopTrash(Path file) throws IOException {
        if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                && Desktop.getDesktop().isSupported(Desktop.Action.MOVE_TO_TRASH)) {
            if (Desktop.getDesktop().moveToTrash(file.toFile())) {
                return;
            }
        }
        throw new ExplainedIOException(Text.of("library.trash.none", file.getFileName()));
    }

    /** Percent-encodes a path as the specification asks, keeping its slashes. */
    static String encode(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }
}
