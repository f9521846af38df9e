package dev.easel.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything Easel remembers between runs, except secrets.
 *
 * @param outputDir where results are saved; null means the platform's Pictures folder / Easel
 * @param theme     "system", "light" or "dark"
 */
public record Settings(int schemaVersion, List<EndpointProfile> profiles, String activeProfileId, String outputDir,
                       String theme, List<String> recentPrompts, Integer confirmJobsOver, Preferences preferences) {

    /**
     * The smaller choices, each with its default when a file written before it was added does not name it.
     *
     * @param notifications tell the desktop when jobs end while Easel's window is not in front
     * @param export        what the export dialog was last set to
     */
    public record Preferences(Boolean notifications, Export export, Budgets budgets) {
        public static final Preferences DEFAULT = new Preferences(true, null, null);

        public Preferences {
            notifications = notifications == null || notifications;
            export = export == null ? Export.DEFAULT : export;
            budgets = budgets == null ? Budgets.NONE : budgets;
        }

        public Preferences withNotifications(boolean on) {
            return new Preferences(on, export, budgets);
        }

        public Preferences withExport(Export next) {
            return new Preferences(notifications, next, budgets);
        }

        public Preferences withBudgets(Budgets next) {
            return new Preferences(notifications, export, next);
        }
    }

    /**
     * What Easel may spend (USD, estimated from GPU time) before it holds jobs back and asks: per day, per month,
     * per session; 0 or none is no limit.
     */
    public record Budgets(Double perDay, Double perMonth, Double perSession) {
        public static final Budgets NONE = new Budgets(0.0, 0.0, 0.0);

        public Budgets {
            perDay = clean(perDay);
            perMonth = clean(perMonth);
            perSession = clean(perSession);
        }

        private static double clean(Double v) {
            return v == null || !Double.isFinite(v) || v < 0 ? 0.0 : v;
        }
    }

    /**
     * The export dialog's choices as last used: it opens with them.
     *
     * @param folder  where the pictures went (null: the home folder)
     * @param format  the format's name ({@code PNG}, {@code JPEG}, {@code WEBP}, {@code WEBP_LOSSLESS})
     * @param pattern the file name pattern (null: the original names)
     * @param sidecar a .json beside each picture
     * @param quality JPEG and lossy WebP quality, 1..100
     */
    public record Export(String folder, String format, String pattern, Boolean sidecar, Integer quality) {
        public static final int DEFAULT_QUALITY = 90;
        public static final Export DEFAULT = new Export(null, "PNG", null, false, DEFAULT_QUALITY);

        public Export {
            format = format == null || format.isBlank() ? "PNG" : format;
            sidecar = sidecar != null && sidecar;
            quality = quality == null ? DEFAULT_QUALITY : Math.clamp(quality, 1, 100);
        }
    }

    /** A Generate that would send more jobs than this asks first, with their estimated cost (0: never asks). */
    public static final int DEFAULT_CONFIRM_JOBS_OVER = 10;

    public static final int SCHEMA_VERSION = 1;

    public Settings {
        profiles = List.copyOf(profiles);
        recentPrompts = recentPrompts == null ? List.of() : List.copyOf(recentPrompts);
        confirmJobsOver = confirmJobsOver == null || confirmJobsOver < 0 ? DEFAULT_CONFIRM_JOBS_OVER : confirmJobsOver;
        preferences = preferences == null ? Preferences.DEFAULT : preferences;
    }

    /** Settings without the smaller choices: their defaults. */
    public Settings(int schemaVersion, List<EndpointProfile> profiles, String activeProfileId, String outputDir,
                    String theme, List<String> recentPrompts, Integer confirmJobsOver) {
        this(schemaVersion, profiles, activeProfileId, outputDir, theme, recentPrompts, confirmJobsOver, null);
    }

    /** A settings file written before the confirmation setting: its default. */
    public Settings(int schemaVersion, List<EndpointProfile> profiles, String activeProfileId, String outputDir,
                    String theme, List<String> recentPrompts) {
        this(schemaVersion, profiles, activeProfileId, outputDir, theme, recentPrompts, null, null);
    }

    public static Settings defaults() {
        return new Settings(SCHEMA_VERSION, List.of(EndpointProfile.demoProfile()), "demo", null, "system", List.of());
    }

    /** These settings with the profile {@code profileId} knowing {@code models} (what its endpoint said it has). */
    public Settings withProfileModels(String profileId, List<String> models) {
        List<EndpointProfile> next = profiles.stream().map(p -> !p.id().equals(profileId) ? p
                : new EndpointProfile(p.id(), p.name(), p.endpointId(), p.baseUrl(), p.pricePerSecond(), models,
                p.defaultTemplate(), p.demo())).toList();
        return new Settings(schemaVersion, next, activeProfileId, outputDir, theme, recentPrompts, confirmJobsOver,
                preferences);
    }

    /** These settings with {@code added} after the profiles there are (made from the account's endpoints). */
    public Settings withProfilesAdded(List<EndpointProfile> added) {
        List<EndpointProfile> next = new ArrayList<>(profiles);
        next.addAll(added);
        return new Settings(schemaVersion, next, activeProfileId, outputDir, theme, recentPrompts, confirmJobsOver,
                preferences);
    }

    /** These settings without the profile {@code profileId}; when it was active, the demo is. */
    public Settings withoutProfile(String profileId) {
        List<EndpointProfile> next = profiles.stream().filter(p -> p.demo() || !p.id().equals(profileId)).toList();
        String active = activeProfileId.equals(profileId) ? EndpointProfile.demoProfile().id() : activeProfileId;
        return new Settings(schemaVersion, next, active, outputDir, theme, recentPrompts, confirmJobsOver, preferences);
    }

    /** These settings with {@code profileId} active. */
    public Settings withActive(String profileId) {
        return new Settings(schemaVersion, profiles, profileId, outputDir, theme, recentPrompts, confirmJobsOver,
                preferences);
    }

    public Settings withRecentPrompts(List<String> recent) {
        return new Settings(schemaVersion, profiles, activeProfileId, outputDir, theme, recent, confirmJobsOver,
                preferences);
    }

    public Settings withTheme(ThemeChoice choice) {
        return new Settings(schemaVersion, profiles, activeProfileId, outputDir, choice.key(), recentPrompts,
                confirmJobsOver, preferences);
    }

    public Settings withPreferences(Preferences next) {
        return new Settings(schemaVersion, profiles, activeProfileId, outputDir, theme, recentPrompts, confirmJobsOver,
                next);
    }

    public EndpointProfile activeProfile() {
        return profile(activeProfileId).orElse(profiles.getFirst());
    }

    public Optional<EndpointProfile> profile(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
