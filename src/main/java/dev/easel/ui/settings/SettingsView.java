package dev.easel.ui.settings;

import dev.easel.io.Futures;
import dev.easel.settings.EndpointProfile;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import dev.easel.workflow.Template;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;

import java.util.function.Consumer;

/** Settings → Endpoint: the profiles on the left, the selected one's fields on the right. */
public final class SettingsView extends BorderPane {

    /**
     * @param onActiveChanged told after saving when another profile became active (the studio restarts on it)
     */
    public SettingsView(SettingsViewModel vm, Runnable onClose, Consumer<Boolean> onActiveChanged) {
        getStyleClass().add("settings-view");
        setPadding(new Insets(12));

        var list = new ListView<>(vm.profiles());
        list.setId("profileList");
        list.setPrefWidth(200);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(EndpointProfile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null
                        : p.name() + (p.id().equals(vm.activeProfileId()) ? "  (active)" : ""));
            }
        });
        list.getSelectionModel().select(vm.selectedProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, p) -> {
            if (p != null && p != vm.selectedProperty().get()) {
                vm.selectedProperty().set(p);
            }
        });
        vm.selectedProperty().addListener((o, was, p) -> list.getSelectionModel().select(p));
        var add = new Button(Messages.get("settings.addRunpodEndpoint"), Icons.of(Feather.PLUS));
        add.setId("addProfileButton");
        add.setOnAction(e -> vm.addProfile());
        setLeft(new VBox(8, list, add));

        var grid = new GridPane();
        var labels = new ColumnConstraints();
        labels.setMinWidth(130);
        grid.getColumnConstraints().add(labels);
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(0, 0, 0, 12));
        int row = 0;
        grid.addRow(row++, new Label(Messages.get("settings.name")), field("profileName", vm.nameProperty()));
        grid.addRow(row++, new Label(Messages.get("settings.endpointId")), field("endpointIdField", vm.endpointIdProperty()));
        grid.addRow(row++, new Label(Messages.get("settings.baseUrl")), field("baseUrlField", vm.baseUrlProperty()));
        var key = new PasswordField();
        key.setId("apiKeyField");
        key.setPromptText(Messages.get("settings.pasteTheApiKey"));
        key.textProperty().bindBidirectional(vm.apiKeyProperty());
        grid.addRow(row++, new Label(Messages.get("settings.apiKey")), key);
        var keyStatus = new Label();
        keyStatus.textProperty().bind(vm.keyStatusProperty());
        grid.add(keyStatus, 1, row++);
        grid.addRow(row++, new Label(Messages.get("settings.perGpuSecond")), field("priceField", vm.priceProperty()));
        grid.addRow(row++, new Label(Messages.get("settings.models")), field("modelsField", vm.modelsProperty()));
        var template = new ComboBox<>(vm.templates());
        template.setId("defaultTemplateBox");
        template.valueProperty().bindBidirectional(vm.defaultTemplateProperty());
        template.setConverter(new StringConverter<>() {
            @Override
            public String toString(Template t) {
                return t == null ? "" : t.name();
            }

            @Override
            public Template fromString(String s) {
                return null;
            }
        });
        template.disableProperty().bind(vm.editableProperty().not());
        grid.addRow(row++, new Label(Messages.get("settings.startWith")), template);
        for (var n : grid.getChildren()) {
            if (n instanceof TextField || n instanceof PasswordField) {
                n.disableProperty().bind(vm.editableProperty().not());
            }
        }
        var output = field("outputDirField", vm.outputDirProperty());
        output.setPromptText(Messages.get("settings.picturesEaselDefault"));
        grid.addRow(row++, new Label(Messages.get("settings.savePicturesIn")), output);
        var confirm = new Spinner<Integer>(0, 10_000, vm.confirmJobsOverProperty().get());
        confirm.setId("confirmJobsOverSpinner");
        confirm.setEditable(true);
        confirm.setPrefWidth(130);
        confirm.getEditor().setPrefColumnCount(6);
        confirm.valueProperty().addListener((o, was, now) -> vm.confirmJobsOverProperty().set(now == null ? 0 : now));
        var confirmNote = new Label(Messages.get("settings.jobsAtOnceAsk"));
        confirmNote.setTooltip(new Tooltip(Messages.get("settings.confirmOver.tooltip")));
        grid.addRow(row++, new Label(Messages.get("settings.over")), new HBox(8, confirm, confirmNote));
        var test = new Button(Messages.get("settings.testConnection"), Icons.of(Feather.ACTIVITY));
        test.setId("testConnectionButton");
        test.setTooltip(new Tooltip(Messages.get("settings.askTheEndpointS")));
        test.disableProperty().bind(vm.editableProperty().not());
        test.setOnAction(e -> vm.testConnection());
        var result = new Label();
        result.setId("testResult");
        result.setWrapText(true);
        result.textProperty().bind(vm.testResultProperty());
        grid.add(new VBox(6, test, result), 1, row++);
        var demoNote = new Label(Messages.get("settings.demoNote"));
        demoNote.setWrapText(true);
        demoNote.setMaxWidth(480);
        demoNote.setMinHeight(Region.USE_PREF_SIZE); // wrapped, never cut
        demoNote.setPadding(new Insets(0, 0, 0, 12));
        demoNote.visibleProperty().bind(vm.editableProperty().not());
        setCenter(new VBox(12, grid, demoNote));

        var message = new Label();
        message.setId("settingsMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        var save = new Button(Messages.get("settings.save"));
        save.setId("saveSettingsButton");
        save.setOnAction(e -> Futures.detach(vm.save(false).thenAccept(onActiveChanged), "saving the settings"));
        var use = new Button(Messages.get("settings.saveAndUseThis"));
        use.setId("useProfileButton");
        use.getStyleClass().add("accent");
        use.setOnAction(e -> Futures.detach(vm.save(true).thenAccept(onActiveChanged), "saving the settings"));
        var close = new Button(Messages.get("settings.close"));
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        var buttons = new HBox(8, message, save, use, close);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        setBottom(buttons);
    }

    private static TextField field(String id, StringProperty p) {
        var f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(28);
        f.textProperty().bindBidirectional(p);
        return f;
    }
}
