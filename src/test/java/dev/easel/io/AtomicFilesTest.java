package dev.easel.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void twoWritersOfOneFileNeverTripOverEachOthersTemporaryFile() throws Exception {
        Path file = dir.resolve("settings.json");
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (String who : new String[] {"first", "second"}) {
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 300; i++) {
                        try {
                            AtomicFiles.write(file, (who + " " + i).getBytes(StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join(); // no write failed
        }
        assertThat(Files.readString(file)).matches("(first|second) 299");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void filesTakeTheUmasksPermissionsUnlessOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path probe = Files.createFile(dir.resolve("probe"));
        Path plain = dir.resolve("plain");
        Path secret = dir.resolve("secret");
        AtomicFiles.write(plain, new byte[] {1});
        AtomicFiles.write(secret, new byte[] {1}, true);
        assertThat(Files.getPosixFilePermissions(plain)).isEqualTo(Files.getPosixFilePermissions(probe));
        assertThat(Files.getPosixFilePermissions(secret))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
}
