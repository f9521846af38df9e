package dev.easel.ui.endpoint;

import dev.easel.api.NetworkVolume;
import dev.easel.io.Futures;
import dev.easel.settings.EndpointProfile;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Forms;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.Labels;
import dev.easel.workflow.WorkerImage;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

import java.util.Optional;
import java.util.function.Consumer;

/** "Deploy new…": the choices on the left, what they cost below, Create. */
public final class DeployView extends BorderPane {

    public DeployView(DeployModel vm, Consumer<EndpointProfile> onMade, Runnable onClose) {
        setPadding(new Insets(14));
        var intro = Labels.wrapped(new Label(Messages.get("deploy.intro", WorkerImage.VERSION)));

        var grid = Forms.grid(8, 8, 0);
        int row = 0;
        var variant = new ComboBox<WorkerImage>();
        variant.getItems().setAll(WorkerImage.VARIANTS);
        variant.setId("deployVariantBox");
        variant.valueProperty().bindBidirectional(vm.variantProperty());
        variant.setConverter(Labels.of(v -> v.name() + "  (" + v.image() + ")"));
        variant.setMaxWidth(Double.MAX_VALUE);
        grid.addRow(row++, label(Messages.get("deploy.variant")), variant);
        var name = new TextField();
        name.setId("deployNameField");
        name.textProperty().bindBidirectional(vm.nameProperty());
        grid.addRow(row++, label(Messages.get("deploy.name")), name);
        var pool = new ComboBox<>(vm.pools());
        pool.setId("deployPoolBox");
        pool.valueProperty().bindBidirectional(vm.poolProperty());
        pool.setConverter(Labels.of(DeployModel.Pool::label));
        pool.setMaxWidth(Double.MAX_VALUE);
        grid.addRow(row++, label(Messages.get("deploy.gpu")), pool);
        var min = spinner("deployMinSpinner", vm.minProperty(), 0, 10);
        var max = spinner("deployMaxSpinner", vm.maxProperty(), 1, 30);
        var workers = new HBox(8, new Label(Messages.get("deploy.workers.min")), min,
                new Label(Messages.get("deploy.workers.max")), max);
        workers.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(row++, label(Messages.get("deploy.workers")), workers);
        grid.addRow(row++, label(Messages.get("deploy.idle")), spinner("deployIdleSpinner", vm.idleProperty(), 1, 3600));
        var flash = new CheckBox(Messages.get("deploy.flashboot"));
        flash.setId("deployFlashbootBox");
        flash.selectedProperty().bindBidirectional(vm.flashbootProperty());
        grid.add(flash, 1, row++);
        var volume = new ComboBox<>(vm.volumes());
        volume.setId("deployVolumeBox");
        volume.valueProperty().bindBidirectional(vm.volumeProperty());
        volume.setConverter(Labels.of((Optional<NetworkVolume> v) -> v == null || v.isEmpty()
                ? Messages.get("deploy.volume.none") : v.get().name() + " \u00b7 " + v.get().sizeGb() + " GB \u00b7 "
                + v.get().dataCenter()));
        volume.setMaxWidth(Double.MAX_VALUE);
        grid.addRow(row++, label(Messages.get("deploy.volume")), volume);

        var costTitle = new Label(Messages.get("deploy.cost.title"));
        costTitle.getStyleClass().add("section-title");
        var cost = Labels.wrapped(new Label());
        cost.setId("deployCost");
        cost.textProperty().bind(vm.costBinding());
        var message = Labels.wrapped(new Label());
        message.setId("deployMessage");
        message.textProperty().bind(vm.messageProperty());
        setCenter(new VBox(12, intro, grid, costTitle, cost, message));

        var create = new Button(Messages.get("deploy.create"), Icons.of(Feather.UPLOAD_CLOUD));
        create.setId("createEndpointButton");
        create.getStyleClass().add("accent");
        create.setDefaultButton(true);
        create.disableProperty().bind(vm.busyProperty().or(vm.madeProperty()).or(vm.poolProperty().isNull()));
        create.setOnAction(e -> Futures.detach(vm.deploy().thenAccept(p -> p.ifPresent(made -> {
            onClose.run();
            onMade.accept(made);
        })), "deploying an endpoint"));
        var close = new Button(Messages.get("settings.close"));
        close.setId("closeDeployButton");
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        var buttons = new HBox(8, create, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        setBottom(buttons);
    }

    /** Opens the wizard over {@code owner} and reads the catalog. */
    public static Stage open(Window owner, DeployModel vm, Consumer<EndpointProfile> onMade) {
        var stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(Messages.get("deploy.title"));
        var scene = new Scene(new DeployView(vm, onMade, stage::close), 640, 620);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        Futures.detach(vm.load(), "reading the GPU catalog");
        return stage;
    }

    private static Spinner<Integer> spinner(String id, IntegerProperty value, int min, int max) {
        var s = new Spinner<Integer>(min, max, value.get());
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(100);
        s.valueProperty().addListener((o, was, now) -> value.set(now == null ? min : now));
        return s;
    }

    private static Label label(String text) {
        var l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

}
