package dev.easel.ui.start;

import dev.easel.ui.fx.Icons;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The window Easel opens today: what it is, the demo endpoint it runs, and what is coming. */
public final class StartView extends VBox {

    public StartView(StartViewModel vm) {
        getStyleClass().add("start-view");
        setPadding(new Insets(32));
        setSpacing(14);

        var title = new Label(vm.text("start.title"));
        title.getStyleClass().add("start-title");
        title.setId("startTitle");
        var subtitle = new Label(vm.text("start.subtitle"));
        subtitle.getStyleClass().add("start-subtitle");
        subtitle.setWrapText(true);

        var badge = new Label(vm.text("start.demo.badge"), Icons.of(Feather.INFO));
        badge.getStyleClass().add("demo-badge");
        badge.setId("demoBadge");

        var status = new Label();
        status.setId("demoStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.demoStatusProperty());
        status.getStyleClass().add("demo-status");
        vm.demoFailedProperty().addListener((o, was, failed) -> {
            if (failed) {
                status.getStyleClass().add("error");
            }
        });

        var curl = new Label();
        curl.setId("curlCommand");
        curl.setWrapText(true);
        curl.getStyleClass().add("code");
        curl.textProperty().bind(vm.curlCommandProperty());
        curl.visibleProperty().bind(vm.demoRunningProperty());
        curl.managedProperty().bind(curl.visibleProperty());

        var copy = new Button(vm.text("start.copyCurl"), Icons.of(Feather.COPY));
        copy.setId("copyCurlButton");
        copy.setTooltip(new Tooltip(vm.text("start.copyCurl.tooltip")));
        copy.disableProperty().bind(vm.demoRunningProperty().not());
        copy.setOnAction(e -> {
            var content = new ClipboardContent();
            content.putString(vm.curlCommandProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });

        var comingTitle = new Label(vm.text("start.coming.title"));
        comingTitle.getStyleClass().add("section-title");
        var coming = new VBox(6);
        coming.setId("comingList");
        for (String key : new String[] {"start.coming.prompt", "start.coming.queue", "start.coming.gallery",
                "start.coming.json", "start.coming.settings"}) {
            var item = new Label(vm.text(key), Icons.of(Feather.CHEVRON_RIGHT));
            item.setWrapText(true);
            coming.getChildren().add(item);
        }

        getChildren().addAll(title, subtitle, badge, status, new HBox(10, copy), curl, comingTitle, coming);
    }
}
