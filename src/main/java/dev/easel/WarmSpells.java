package dev.easel;

import dev.easel.api.AccountConfig;
import dev.easel.api.OkHttpRunpodAccount;
import dev.easel.api.RunpodAccount;
import dev.easel.api.RunpodException;
import dev.easel.jobs.KeepWarm;
import dev.easel.jobs.OwnedEndpoint;
import dev.easel.settings.AppFolders;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.SecretStore;
import dev.easel.settings.Secrets;
import dev.easel.settings.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The warm spells ("Keep warm for 30 min") across starts: one journal per profile; at start the active one's is
 * resumed (ended when its time is up) and any other profile's is ended at once, as no window shows its clock; at a
 * normal close the active one ends. A spell that cannot be ended (no network) stays journaled for the next try.
 */
final class WarmSpells {

    private static final Logger log = LoggerFactory.getLogger(WarmSpells.class);

    private WarmSpells() {
    }

    static Path journal(AppFolders folders, EndpointProfile profile) {
        return folders.data().resolve("keep-warm").resolve(profile.id() + ".json");
    }

    static void resume(OwnedEndpoint active, Settings settings, AppFolders folders) {
        try {
            active.warm().resume(active.account()).ifPresent(w -> log.info("a warm spell of {} runs until {}",
                    w.endpointId(), w.until()));
        } catch (RunpodException e) {
            log.warn("the warm spell left by the last run could not be ended yet: {}", e.getMessage());
        }
        Path dir = folders.data().resolve("keep-warm");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                String id = f.getFileName().toString().replaceFirst("\\.json$", "");
                Optional<EndpointProfile> p = settings.profile(id);
                if (p.isEmpty() || p.get().demo() || f.equals(journal(folders, settings.activeProfile()))) {
                    continue; // the active one is resumed above; a removed profile's key is gone with it
                }
                endOther(p.get(), new KeepWarm(f, Clock.systemUTC()), folders);
            }
        } catch (IOException e) {
            log.warn("reading the warm spells", e);
        }
    }

    private static void endOther(EndpointProfile p, KeepWarm warm, AppFolders folders) {
        try {
            String key = Secrets.platform(folders).apiKey(p).orElse("");
            try (RunpodAccount account = new OkHttpRunpodAccount(
                    AccountConfig.of(AccountConfig.restBaseFor(p.baseUrl()), key))) {
                log.info("the warm spell of {} ended: {}", p.name(), warm.end(account));
            }
        } catch (RunpodException | SecretStore.SecretException e) {
            log.warn("the warm spell of {} could not be ended yet: {}", p.name(), e.getMessage());
        }
    }

    static void endOnClose(OwnedEndpoint active) {
        if (active.warm().current().isEmpty()) {
            return;
        }
        try {
            log.info("closing: the warm spell ended: {}", active.warm().end(active.account()));
        } catch (RunpodException e) {
            log.warn("closing: the warm spell could not be ended; the next start ends it: {}", e.getMessage());
        }
    }
}
