package dev.easel.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.easel.settings.ThemeChoice;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

import java.util.function.Consumer;

/**
 * AtlantaFX's Primer theme, light or dark: as chosen, or following the operating system's preference as it changes.
 * A change of choice or of the system's scheme applies at once to every open window (the user-agent stylesheet is
 * the application's).
 */
public final class Theme {

    private final ObjectProperty<ThemeChoice> choice = new SimpleObjectProperty<>(ThemeChoice.SYSTEM);
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();
    private final ObservableValue<ColorScheme> system;
    private final Consumer<String> userAgentStylesheet;
    private boolean applied;

    /**
     * @param system              the operating system's colour scheme (JavaFX's platform preferences)
     * @param userAgentStylesheet sets the application's stylesheet
     */
    public Theme(ObservableValue<ColorScheme> system, Consumer<String> userAgentStylesheet) {
        this.system = system;
        this.userAgentStylesheet = userAgentStylesheet;
        choice.addListener((o, was, now) -> apply());
        system.addListener((o, was, now) -> apply());
        apply();
    }

    /** The application's theme, following JavaFX's view of the system's preference. Call on the FX thread. */
    public static Theme forApplication(ThemeChoice initial) {
        var theme = new Theme(Platform.getPreferences().colorSchemeProperty(), Application::setUserAgentStylesheet);
        theme.choice.set(initial);
        return theme;
    }

    /** The user's choice; setting it restyles the windows at once. */
    public ObjectProperty<ThemeChoice> choiceProperty() {
        return choice;
    }

    /** Whether the windows are dark now. */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    private void apply() {
        ThemeChoice c = choice.get() == null ? ThemeChoice.SYSTEM : choice.get();
        boolean nowDark = c == ThemeChoice.DARK || (c == ThemeChoice.SYSTEM && system.getValue() == ColorScheme.DARK);
        if (nowDark == dark.get() && applied) {
            return;
        }
        applied = true;
        dark.set(nowDark);
        userAgentStylesheet.accept(nowDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
