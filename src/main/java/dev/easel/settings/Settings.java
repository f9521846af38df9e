package dev.easel.settings;

import java.util.List;
import java.util.Optional;

/**
 * Everything Easel remembers between runs, except secrets.
 *
 * @param outputDir where results are saved; null means the platform's Pictures folder / Easel
 * @param theme     "system", "light" or "dark"
 */
public record Settings(int schemaVersion, List<EndpointProfile> profiles, String activeProfileId, String outputDir,
                       String theme, List<String> recentPrompts, Integer confirmJobsOver) {

    /** A Generate that would send more jobs than this asks first, with their estimated cost (0: never asks). */
    public static final int DEFAULT_CONFIRM_JOBS_OVER = 10;

    public static final int SCHEMA_VERSION = 1;

    public Settings {
        profiles = List.copyOf(profiles);
        recentPrompts = recentPrompts == null ? List.of() : List.copyOf(recentPrompts);
        confirmJobsOver = confirmJobsOver == null || confirmJobsOver < 0 ? DEFAULT_CONFIRM_JOBS_OVER : confirmJobsOver;
    }

    /** A settings file written before the confirmation setting: its default. */
    public Settings(int schemaVersion, List<EndpointProfile> profiles, String activeProfileId, String outputDir,
                    String theme, List<String> recentPrompts) {
        this(schemaVersion, profiles, activeProfileId, outputDir, theme, recentPrompts, null);
    }

    public static Settings defaults() {
        return new Settings(SCHEMA_VERSION, List.of(EndpointProfile.demoProfile()), "demo", null, "system", List.of());
    }

    /** These settings with the profile {@code profileId} knowing {@code models} (what its endpoint said it has). */
    public Settings withProfileModels(String profileId, List<String> models) {
        List<EndpointProfile> next = profiles.stream().map(p -> !p.id().equals(profileId) ? p
                : new EndpointProfile(p.id(), p.name(), p.endpointId(), p.baseUrl(), p.pricePerSecond(), models,
                p.defaultTemplate(), p.demo())).toList();
        return new Settings(schemaVersion, next, activeProfileId, outputDir, theme, recentPrompts, confirmJobsOver);
    }

    public Settings withRecentPrompts(List<String> recent) {
        return new Settings(schemaVersion, profiles, activeProfileId, outputDir, theme, recent, confirmJobsOver);
    }

    public Settings withTheme(ThemeChoice choice) {
        return new Settings(schemaVersion, profiles, activeProfileId, outputDir, choice.key(), recentPrompts,
                confirmJobsOver);
    }

    public EndpointProfile activeProfile() {
        return profile(activeProfileId).orElse(profiles.getFirst());
    }

    public Optional<EndpointProfile> profile(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
