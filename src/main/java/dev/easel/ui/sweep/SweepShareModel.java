package dev.easel.ui.sweep;

import dev.easel.settings.EndpointProfile;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.List;

/**
 * The other endpoints a sweep may share its cells with (the user's other profiles, not the demo): each with whether it
 * is chosen. The cells then go to whichever chosen endpoint has free workers.
 */
public final class SweepShareModel {

    /** One endpoint to share with: its profile's name and endpoint id, and whether it is chosen. */
    public static final class Option {
        private final String name;
        private final String endpointId;
        private final BooleanProperty chosen = new SimpleBooleanProperty();

        Option(String name, String endpointId) {
            this.name = name;
            this.endpointId = endpointId;
        }

        public String name() {
            return name;
        }

        public String endpointId() {
            return endpointId;
        }

        public BooleanProperty chosenProperty() {
            return chosen;
        }
    }

    private final List<Option> options;

    public SweepShareModel(List<EndpointProfile> profiles) {
        options = profiles.stream().map(p -> new Option(p.name(), p.endpointId())).toList();
    }

    public List<Option> options() {
        return options;
    }

    /** The endpoint ids chosen, in the order shown. */
    public List<String> chosen() {
        return options.stream().filter(o -> o.chosenProperty().get()).map(Option::endpointId).toList();
    }
}
