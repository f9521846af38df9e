package dev.easel;

/**
 * How this start of the window was asked for, read once from the system properties the launcher and the build set.
 *
 * @param smokeTest     {@code --smoke-test}: generate one picture on the demo, then exit 0 or 1
 * @param startupProbe  print the startup phases and quit once the studio is painted (the startup benchmark)
 * @param theme         {@code -Deasel.theme}: {@code system}, {@code light} or {@code dark} for this run, over the
 *                      setting; null when not given
 * @param demoTimeScale how fast the demo endpoint's jobs run (1 = as a real GPU would)
 */
public record LaunchOptions(boolean smokeTest, boolean startupProbe, String theme, double demoTimeScale) {

    public static LaunchOptions fromSystemProperties() {
        double scale;
        try {
            scale = Double.parseDouble(System.getProperty("easel.demo.timeScale", "1.0"));
        } catch (NumberFormatException e) {
            scale = 1.0;
        }
        return new LaunchOptions(Boolean.getBoolean("easel.smokeTest"), Boolean.getBoolean("easel.startupProbe"),
                System.getProperty("easel.theme"), scale);
    }
}
