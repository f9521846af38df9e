package dev.easel.io;

import dev.easel.text.ExplainedIOException;
import dev.easel.text.Text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;

/** Writes a file so that a reader, or a crash, sees the old content or the new, never half of it. */
public final class AtomicFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Replaces {@code file} with {@code bytes}: written beside it, then moved over it. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, false);
    }

    /**
     * @param ownerOnly create the file readable by its owner only (POSIX 0600) from the first byte on
     */
    public static void write(Path file, byte[] bytes, boolean ownerOnly) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // a name of its own: two writers of one file (two windows saving settings) never share a temporary file
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp); // the umask's permissions, as any other program's files
        }
        try {
            try (var channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                var buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true); // on disk before it takes the name: a crash leaves the old file or the new
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code bytes} as a new file in {@code dir}, never replacing one: under {@code stem.ext}, else
     * {@code stem-2.ext}, {@code stem-3.ext}, … It is written beside, flushed to disk, then given its name whole: a
     * hard link appears complete or not at all (where the file system has none, the name is claimed, then the file
     * moved over the claim). Created with the umask's permissions, as any program's files.
     *
     * @return the file written
     */
    public static Path createNew(Path dir, String stem, String ext, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(".easel-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        Files.createFile(tmp);
        try {
            Files.write(tmp, bytes, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            boolean links = true;
            for (int n = 1; n < 100_000; n++) {
                Path target = dir.resolve(stem + (n == 1 ? "" : "-" + n) + "." + ext);
                if (links) {
                    try {
                        Files.createLink(target, tmp);
                        return target;
                    } catch (FileAlreadyExistsException taken) {
                        continue;
                    } catch (UnsupportedOperationException | IOException noLinks) {
                        links = false; // a file system without hard links (FAT, some shares): claim, then move
                    }
                }
                try {
                    Files.createFile(target); // claims the name atomically: nothing of the user's is replaced
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    Files.deleteIfExists(target);
                    throw e;
                }
                return target;
            }
            throw new ExplainedIOException(Text.of("io.tooManyNamed", stem, dir));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static final ConcurrentHashMap<Path, Object> LOCKS =
            new ConcurrentHashMap<>();

    /**
     * One lock object per file in this process, whichever object reads or writes it: hold it around a
     * read-modify-write so two writers never lose each other's change.
     */
    public static Object lockFor(Path file) {
        return LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Object());
    }

    /** Deletes the plain files directly in {@code dir} (a temporary folder of Easel's own); nothing when it is absent. */
    public static void deleteFilesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // in use or gone: it is only a leftover
                }
            });
        } catch (IOException ignored) {
            // the folder can't be listed: leftovers stay, nothing else depends on it
        }
    }
}
