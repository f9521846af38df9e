package dev.easel.ui.settings;

import dev.easel.io.Futures;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.Settings;
import dev.easel.settings.ThemeChoice;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Forms;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.Labels;
import dev.easel.workflow.Template;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
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
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.DirectoryChooser;
import javafx.scene.control.CheckBox;
import org.kordamp.ikonli.feather.Feather;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Settings → Endpoint: the profiles on the left, the selected one's fields on the right. */
public final class SettingsView extends BorderPane {

    /**
     * @param onActiveChanged told after saving when another profile became active (the studio restarts on it)
     * @param connect         a model for "Connect Runpod account", made when the dialog opens
     */
    public SettingsView(SettingsViewModel vm, Runnable onClose, Consumer<Boolean> onActiveChanged,
                        Supplier<AccountConnectModel> connect) {
        getStyleClass().add("settings-view");
        setPadding(new Insets(12));

        var tabs = new TabPane(endpointsTab(vm, connect), generalTab(vm));
        tabs.setId("settingsTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);

        var message = new Label();
        message.setId("settingsMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        var save = new Button(Messages.get("settings.save"));
        save.setId("saveSettingsButton");
        save.setMinWidth(Region.USE_PREF_SIZE);
        save.setOnAction(e -> Futures.detach(vm.save(false).thenAccept(onActiveChanged), "saving the settings"));
        var use = new Button(Messages.get("settings.saveAndUseThis"));
        use.setId("useProfileButton");
        use.getStyleClass().add("accent");
        use.setMinWidth(Region.USE_PREF_SIZE);
        use.setOnAction(e -> Futures.detach(vm.save(true).thenAccept(onActiveChanged), "saving the settings"));
        var close = new Button(Messages.get("settings.close"));
        close.setId("closeSettingsButton");
        close.setCancelButton(true);
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setOnAction(e -> onClose.run());
        var buttons = new HBox(8, message, save, use, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        setBottom(buttons);
    }

    /** The endpoints: the profiles on the left (add, remove), the selected one's fields on the right. */
    private static Tab endpointsTab(SettingsViewModel vm, Supplier<AccountConnectModel> connect) {
        var list = new ListView<>(vm.profiles());
        list.setId("profileList");
        list.setPrefWidth(190);
        list.setMinWidth(150);
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
        VBox.setVgrow(list, Priority.ALWAYS);
        var add = new Button(Messages.get("settings.addRunpodEndpoint"), Icons.of(Feather.PLUS));
        add.setId("addProfileButton");
        add.setMaxWidth(Double.MAX_VALUE);
        add.setOnAction(e -> vm.addProfile());
        var delete = new Button(Messages.get("settings.deleteEndpoint"), Icons.of(Feather.TRASH_2));
        delete.setId("deleteProfileButton");
        delete.setMaxWidth(Double.MAX_VALUE);
        delete.setTooltip(new Tooltip(Messages.get("settings.deleteEndpoint.tooltip")));
        delete.disableProperty().bind(vm.editableProperty().not());
        delete.setOnAction(e -> vm.deleteProfile());
        var account = new Button(Messages.get("settings.connectAccount"), Icons.of(Feather.CLOUD));
        account.setId("connectAccountButton");
        account.setMaxWidth(Double.MAX_VALUE);
        account.setTooltip(new Tooltip(Messages.get("settings.connectAccount.tooltip")));
        account.setOnAction(e -> ConnectAccountView.open(account.getScene().getWindow(), connect.get(),
                vm.profiles().stream().map(EndpointProfile::endpointId).collect(Collectors.toSet()), vm::adopt));
        var left = new VBox(8, list, account, add, delete);

        var grid = Forms.grid(8, 8, 160);
        grid.setPadding(new Insets(0, 0, 0, 12));
        int row = 0;
        grid.addRow(row++, label("settings.name"), field("profileName", vm.nameProperty()));
        grid.addRow(row++, label("settings.endpointId"), field("endpointIdField", vm.endpointIdProperty()));
        grid.addRow(row++, label("settings.baseUrl"), field("baseUrlField", vm.baseUrlProperty()));
        var key = new PasswordField();
        key.setId("apiKeyField");
        key.setPromptText(Messages.get("settings.pasteTheApiKey"));
        key.textProperty().bindBidirectional(vm.apiKeyProperty());
        var forget = new Button(Messages.get("settings.forgetKey"));
        forget.setId("forgetKeyButton");
        forget.setMinWidth(Region.USE_PREF_SIZE);
        forget.setTooltip(new Tooltip(Messages.get("settings.forgetKey.tooltip")));
        forget.disableProperty().bind(vm.keyStoredProperty().not());
        HBox.setHgrow(key, Priority.ALWAYS);
        key.setMaxWidth(Double.MAX_VALUE);
        grid.addRow(row++, label("settings.apiKey"), new HBox(8, key, forget));
        var keyStatus = Labels.wrapped(new Label());
        keyStatus.setId("keyStatus");
        keyStatus.textProperty().bind(vm.keyStatusProperty());
        keyStatus.managedProperty().bind(keyStatus.textProperty().isNotEmpty());
        grid.add(keyStatus, 1, row++);
        grid.addRow(row++, label("settings.perGpuSecond"), field("priceField", vm.priceProperty()));
        grid.addRow(row++, label("settings.models"), field("modelsField", vm.modelsProperty()));
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
        grid.addRow(row++, label("settings.startWith"), template);
        for (var n : grid.getChildren()) {
            if (n instanceof TextField) {
                n.disableProperty().bind(vm.editableProperty().not());
            }
        }
        key.disableProperty().bind(vm.editableProperty().not());
        var test = new Button(Messages.get("settings.testConnection"), Icons.of(Feather.ACTIVITY));
        test.setId("testConnectionButton");
        test.setTooltip(new Tooltip(Messages.get("settings.askTheEndpointS")));
        test.disableProperty().bind(vm.editableProperty().not());
        test.setOnAction(e -> vm.testConnection());
        var result = Labels.wrapped(new Label());
        result.setId("testResult");
        result.textProperty().bind(vm.testResultProperty());
        grid.add(new VBox(6, test, result), 1, row++);
        var demoNote = Labels.wrapped(new Label(Messages.get("settings.demoNote")));
        demoNote.setPadding(new Insets(0, 0, 0, 12));
        demoNote.visibleProperty().bind(vm.editableProperty().not());
        demoNote.managedProperty().bind(demoNote.visibleProperty());
        var right = new ScrollPane(new VBox(12, grid, demoNote));
        right.setFitToWidth(true);
        right.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        right.getStyleClass().add("edge-to-edge");
        var pane = new BorderPane(right, null, null, null, left);
        pane.setPadding(new Insets(12, 0, 0, 0));
        var tab = new Tab(Messages.get("settings.tab.endpoints"), pane);
        tab.setId("endpointsTab");
        return tab;
    }

    /** What is not about one endpoint: the theme, where pictures go, when to ask before sending many jobs. */
    private static Tab generalTab(SettingsViewModel vm) {
        var grid = Forms.grid(8, 10, 0);
        grid.setPadding(new Insets(12, 0, 0, 0));
        int row = 0;
        var theme = new ComboBox<ThemeChoice>();
        theme.getItems().setAll(ThemeChoice.values());
        theme.setId("themeBox");
        theme.setConverter(Labels.of(Labels::theme));
        theme.valueProperty().bindBidirectional(vm.themeProperty());
        grid.addRow(row++, label("settings.theme"), theme);

        var output = field("outputDirField", vm.outputDirProperty());
        output.setPromptText(Messages.get("settings.defaultFolder", vm.defaultOutputDir().toString()));
        var browse = new Button(Messages.get("settings.browse"), Icons.of(Feather.FOLDER));
        browse.setId("chooseOutputButton");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            var chooser = new DirectoryChooser();
            chooser.setTitle(Messages.get("settings.chooseFolder"));
            var start = Path.of(vm.outputFolderShown()).toFile();
            if (start.isDirectory()) {
                chooser.setInitialDirectory(start);
            }
            var chosen = chooser.showDialog(browse.getScene().getWindow());
            if (chosen != null) {
                vm.outputDirProperty().set(chosen.getAbsolutePath());
            }
        });
        HBox.setHgrow(output, Priority.ALWAYS);
        output.setMaxWidth(Double.MAX_VALUE);
        grid.addRow(row++, label("settings.savePicturesIn"), new HBox(8, output, browse));

        var confirm = new Spinner<Integer>(0, 10_000, vm.confirmJobsOverProperty().get());
        confirm.setId("confirmJobsOverSpinner");
        confirm.setEditable(true);
        confirm.setPrefWidth(130);
        confirm.setMinWidth(Region.USE_PREF_SIZE);
        confirm.getEditor().setPrefColumnCount(6);
        confirm.valueProperty().addListener((o, was, now) -> vm.confirmJobsOverProperty().set(now == null ? 0 : now));
        var confirmNote = Labels.wrapped(new Label(Messages.get("settings.jobsAtOnceAsk")));
        confirmNote.setTooltip(new Tooltip(Messages.get("settings.confirmOver.tooltip")));
        var confirmRow = new HBox(8, confirm, confirmNote);
        confirmRow.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(row++, label("settings.over"), confirmRow);
        var notify = new CheckBox(Messages.get("settings.notifications.box"));
        notify.setId("notificationsBox");
        notify.setWrapText(true);
        notify.selectedProperty().bindBidirectional(vm.notificationsProperty());
        grid.addRow(row++, label("settings.notifications"), notify);
        var budget = label("settings.budget");
        GridPane.setValignment(budget, VPos.TOP); // beside the fields, above their note
        budget.setPadding(new Insets(4, 0, 0, 0));
        grid.addRow(row++, budget, budgetRow(vm));
        var tab = new Tab(Messages.get("settings.tab.general"), grid);
        tab.setId("generalTab");
        return tab;
    }

    /** Per day, per month, per session, in dollars (0: no limit); each applies as it is changed. */
    private static Node budgetRow(SettingsViewModel vm) {
        var b = vm.budgetsProperty().get();
        var day = money("budgetDaySpinner", b.perDay());
        var month = money("budgetMonthSpinner", b.perMonth());
        var session = money("budgetSessionSpinner", b.perSession());
        for (var sp : List.of(day, month, session)) {
            sp.valueProperty().addListener((o, was, now) -> vm.budgetsProperty().set(new Settings.Budgets(
                    day.getValue(), month.getValue(), session.getValue())));
        }
        var fields = new HBox(6, new Label(Messages.get("settings.budget.day")), day,
                new Label(Messages.get("settings.budget.month")), month,
                new Label(Messages.get("settings.budget.session")), session);
        fields.setAlignment(Pos.CENTER_LEFT);
        var note = Labels.wrapped(new Label(Messages.get("settings.budget.note")));
        return new VBox(4, fields, note);
    }

    private static Spinner<Double> money(String id, double value) {
        var sp = new Spinner<Double>(0.0, 100_000.0, value, 0.5);
        sp.setId(id);
        sp.setEditable(true);
        sp.setPrefWidth(100);
        sp.setMinWidth(Region.USE_PREF_SIZE);
        return sp;
    }

    private static Label label(String key) {
        var l = new Label(Messages.get(key));
        l.setMinWidth(Region.USE_PREF_SIZE); // a label is never cut: the fields give way
        return l;
    }


    private static TextField field(String id, StringProperty p) {
        var f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(24);
        f.setMaxWidth(Double.MAX_VALUE);
        f.textProperty().bindBidirectional(p);
        return f;
    }
}
