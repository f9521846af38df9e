package dev.easel.ui.settings;

import dev.easel.io.Futures;
import dev.easel.settings.EndpointProfile;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.Labels;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Settings → "Connect Runpod account": the key, the account's endpoints with what Easel makes of each, and
 * "Add as profiles" for the chosen ones.
 */
public final class ConnectAccountView extends BorderPane {

    /**
     * @param known    the endpoint ids that have a profile already
     * @param onAdded  told of the profiles made (already saved, their keys stored)
     */
    public ConnectAccountView(AccountConnectModel vm, Set<String> known, Consumer<List<EndpointProfile>> onAdded,
                              Runnable onClose) {
        getStyleClass().add("connect-account");
        setPadding(new Insets(14));

        var intro = Labels.wrapped(new Label(Messages.get("connect.intro")));
        var key = new PasswordField();
        key.setId("accountKeyField");
        key.setPromptText(Messages.get("connect.key.prompt"));
        key.textProperty().bindBidirectional(vm.keyProperty());
        HBox.setHgrow(key, Priority.ALWAYS);
        key.setMaxWidth(Double.MAX_VALUE);
        var list = new Button(Messages.get("connect.list"), Icons.of(Feather.REFRESH_CW));
        list.setId("listEndpointsButton");
        list.setDefaultButton(true);
        list.setMinWidth(Region.USE_PREF_SIZE);
        list.disableProperty().bind(vm.busyProperty());
        list.setOnAction(e -> Futures.detach(vm.list(known), "listing the account's endpoints"));
        var keyRow = new HBox(8, key, list);
        keyRow.setAlignment(Pos.CENTER_LEFT);

        var address = new TextField();
        address.setId("accountAddressField");
        address.textProperty().bindBidirectional(vm.addressProperty());
        var addressNote = Labels.wrapped(new Label(Messages.get("connect.address.note")));
        var advanced = new TitledPane(Messages.get("connect.advanced"), new VBox(6, address, addressNote));
        advanced.setId("connectAdvanced");
        advanced.setExpanded(false);
        advanced.setAnimated(false);

        var rows = new ListView<>(vm.rows());
        rows.setId("accountEndpointList");
        rows.setPlaceholder(Labels.wrapped(new Label(Messages.get("connect.placeholder"))));
        rows.setCellFactory(v -> new RowCell(vm));
        VBox.setVgrow(rows, Priority.ALWAYS);

        var message = Labels.wrapped(new Label());
        message.setId("connectMessage");
        message.textProperty().bind(vm.messageProperty());
        setTop(new VBox(10, intro, keyRow, advanced));
        var center = new VBox(8, rows, message);
        center.setPadding(new Insets(10, 0, 10, 0));
        setCenter(center);

        var add = new Button();
        add.setId("addChosenButton");
        add.getStyleClass().add("accent");
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("connect.add", vm.chosen().size()), vm.chosen()));
        add.disableProperty().bind(vm.busyProperty().or(Bindings.isEmpty(vm.chosen())));
        add.setOnAction(e -> Futures.detach(vm.addChosen().thenAccept(made -> {
            if (!made.isEmpty()) {
                onAdded.accept(made);
            }
        }), "adding the chosen endpoints"));
        var close = new Button(Messages.get("settings.close"));
        close.setId("closeConnectButton");
        close.setCancelButton(true);
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setOnAction(e -> onClose.run());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var buttons = new HBox(8, spacer, add, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        setBottom(buttons);
    }

    /** Opens the dialog over {@code owner}. */
    public static Stage open(Window owner, AccountConnectModel vm, Set<String> known,
                             Consumer<List<EndpointProfile>> onAdded) {
        var stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(Messages.get("connect.title"));
        var view = new ConnectAccountView(vm, known, onAdded, stage::close);
        var scene = new Scene(view, 680, 520);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    /** One endpoint: chosen or not, its name, what it runs and what Easel makes of it. */
    private static final class RowCell extends ListCell<AccountConnectModel.Row> {
        private final AccountConnectModel vm;
        private final CheckBox box = new CheckBox();
        private final Label summary = new Label();
        private final Label recognised = new Label();

        RowCell(AccountConnectModel vm) {
            this.vm = vm;
            box.getStyleClass().add("endpoint-name");
            summary.getStyleClass().add("text-muted");
            recognised.setWrapText(true);
            box.setOnAction(e -> {
                var r = getItem();
                if (r == null) {
                    return;
                }
                if (box.isSelected()) {
                    vm.chosen().add(r.endpoint().id());
                } else {
                    vm.chosen().remove(r.endpoint().id());
                }
            });
        }

        @Override
        protected void updateItem(AccountConnectModel.Row r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            String name = r.endpoint().name().isBlank() ? r.endpoint().id() : r.endpoint().name();
            box.setText(r.added() ? Messages.get("connect.row.added", name) : name);
            box.setSelected(r.added() || vm.chosen().contains(r.endpoint().id()));
            box.setDisable(r.added());
            String price = AccountConnectModel.price(r.pricePerSecond());
            summary.setText(r.summary() + (price.isEmpty() ? "" : " \u00b7 " + price));
            recognised.setText(r.recognised());
            var text = new VBox(2, box, summary, recognised);
            text.setPrefWidth(1);
            setGraphic(text);
        }
    }

}
