package dev.easel.ui.gallery;

import dev.easel.library.Facets;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The gallery's filters: dates, template, endpoint, size, seed and tag, each offering what the library holds. */
final class GalleryFilterBar extends FlowPane {

    GalleryFilterBar(GalleryFilters filters, ObservableValue<Facets> facets) {
        super(6, 6);

        var from = new DatePicker();
        from.setId("fromDate");
        from.setPromptText(Messages.get("gallery.from"));
        from.setPrefWidth(130);
        from.valueProperty().bindBidirectional(filters.fromProperty());
        var to = new DatePicker();
        to.setId("toDate");
        to.setPromptText(Messages.get("gallery.to"));
        to.setPrefWidth(130);
        to.valueProperty().bindBidirectional(filters.toProperty());
        var template = facetCombo("templateFilter", Messages.get("gallery.anyTemplate"));
        var endpoint = facetCombo("endpointFilter", Messages.get("gallery.anyEndpoint"));
        var size = facetCombo("sizeFilter", Messages.get("gallery.anySize"));
        var tag = facetCombo("tagFilter", Messages.get("gallery.anyTag"));
        template.valueProperty().bindBidirectional(filters.templateProperty());
        endpoint.valueProperty().bindBidirectional(filters.endpointProperty());
        size.valueProperty().bindBidirectional(filters.sizeProperty());
        tag.valueProperty().bindBidirectional(filters.tagProperty());
        Consumer<Facets> fill = f -> {
            refill(template, f.templates());
            refill(endpoint, f.endpoints());
            refill(size, f.sizes());
            refill(tag, f.tags());
        };
        fill.accept(facets.getValue());
        facets.addListener((o, was, f) -> fill.accept(f));
        var seed = new TextField();
        seed.setId("seedFilter");
        seed.setPromptText(Messages.get("gallery.seed"));
        seed.setPrefColumnCount(9);
        seed.textProperty().bindBidirectional(filters.seedProperty());
        var clear = new Button(Messages.get("gallery.clear"), Icons.of(Feather.X));
        clear.setId("clearFiltersButton");
        clear.setOnAction(e -> filters.clear());
        getChildren().addAll(from, to, template, endpoint, size, seed, tag, clear);
        setAlignment(Pos.CENTER_LEFT);
    }

    private static ComboBox<String> facetCombo(String id, String any) {
        var c = new ComboBox<String>();
        c.setId(id);
        c.setPromptText(any);
        c.getItems().add(null);
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? any : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        return c;
    }

    private static void refill(ComboBox<String> c, List<String> values) {
        String keep = c.getValue();
        List<String> items = new ArrayList<>();
        items.add(null);
        items.addAll(values);
        if (!items.equals(c.getItems())) {
            c.getItems().setAll(items);
            c.setValue(keep);
        }
    }
}
