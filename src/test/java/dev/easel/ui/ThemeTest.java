package dev.easel.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.easel.settings.ThemeChoice;
import javafx.application.ColorScheme;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThemeTest {

    private static final String DARK = new PrimerDark().getUserAgentStylesheet();
    private static final String LIGHT = new PrimerLight().getUserAgentStylesheet();

    @Test
    void followsTheSystemUntilAChoiceIsMadeAndAppliesEachChangeOnce() {
        var system = new SimpleObjectProperty<>(ColorScheme.LIGHT);
        List<String> applied = new ArrayList<>();
        var theme = new Theme(system, applied::add);
        assertThat(applied).containsExactly(LIGHT);
        assertThat(theme.darkProperty().get()).isFalse();

        system.set(ColorScheme.DARK); // the desktop switched to dark: so does Easel
        assertThat(applied).containsExactly(LIGHT, DARK);
        assertThat(theme.darkProperty().get()).isTrue();

        theme.choiceProperty().set(ThemeChoice.LIGHT);
        system.set(ColorScheme.LIGHT);
        system.set(ColorScheme.DARK); // a fixed choice ignores the desktop
        assertThat(applied).containsExactly(LIGHT, DARK, LIGHT);

        theme.choiceProperty().set(ThemeChoice.DARK);
        theme.choiceProperty().set(ThemeChoice.SYSTEM); // the desktop is dark: nothing to restyle
        assertThat(applied).containsExactly(LIGHT, DARK, LIGHT, DARK);
        assertThat(theme.darkProperty().get()).isTrue();
    }

    @Test
    void theSettingsSpellingIsReadTolerantly() {
        assertThat(ThemeChoice.of("dark")).isEqualTo(ThemeChoice.DARK);
        assertThat(ThemeChoice.of(" Light ")).isEqualTo(ThemeChoice.LIGHT);
        assertThat(ThemeChoice.of("system")).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(ThemeChoice.of("solarized")).as("unknown: follow the system").isEqualTo(ThemeChoice.SYSTEM);
        assertThat(ThemeChoice.of(null)).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(ThemeChoice.DARK.key()).isEqualTo("dark");
    }
}
