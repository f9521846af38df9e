package dev.easel.ui.fx;

import javafx.stage.Window;

/** The window a new window opens over: the focused one, else the first (the main window), else none. */
public final class Owners {

    private Owners() {
    }

    public static Window current() {
        return Window.getWindows().stream().filter(Window::isFocused).findFirst()
                .orElse(Window.getWindows().isEmpty() ? null : Window.getWindows().getFirst());
    }
}
