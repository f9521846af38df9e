package dev.easel.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.io.AtomicFiles;
import dev.easel.text.Text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Keys in a JSON file only its owner may read (0600): the fallback when no system keychain is available. */
public final class FileSecretStore implements SecretStore {

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public FileSecretStore(Path file) {
        this.file = file;
    }

    @Override
    public Optional<String> get(String profileId) throws SecretException {
        synchronized (lock()) {
            return getLocked(profileId);
        }
    }

    private Optional<String> getLocked(String profileId) throws SecretException {
        ObjectNode all = read();
        return all.hasNonNull(profileId) ? Optional.of(all.get(profileId).asText()) : Optional.empty();
    }

    @Override
    public void put(String profileId, String secret) throws SecretException {
        synchronized (lock()) {
            putLocked(profileId, secret);
        }
    }

    private void putLocked(String profileId, String secret) throws SecretException {
        ObjectNode all = read();
        all.put(profileId, secret);
        write(all);
    }

    @Override
    public void delete(String profileId) throws SecretException {
        synchronized (lock()) {
            deleteLocked(profileId);
        }
    }

    private void deleteLocked(String profileId) throws SecretException {
        ObjectNode all = read();
        if (all.remove(profileId) != null) {
            write(all);
        }
    }

    /** One lock per key file, whichever store object reads or writes it: a read-modify-write never loses a key. */
    private Object lock() {
        return AtomicFiles.lockFor(file);
    }

    @Override
    public Place place() {
        return new Place.PrivateFile(file);
    }

    private ObjectNode read() throws SecretException {
        if (!Files.exists(file)) {
            return json.createObjectNode();
        }
        try {
            return (ObjectNode) json.readTree(file.toFile());
        } catch (IOException | ClassCastException e) {
            throw new SecretException(Text.of("settings.keyFile.unreadable", file), null);
        }
    }

    private void write(ObjectNode all) throws SecretException {
        try {
            // created owner-only, so the key is never readable by others, not even for a moment
            AtomicFiles.write(file, json.writeValueAsBytes(all), true);
        } catch (IOException e) {
            throw new SecretException(Text.of("settings.keyFile.cantSave", file, e.getMessage()), null);
        }
    }
}
