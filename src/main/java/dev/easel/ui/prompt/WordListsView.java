package dev.easel.ui.prompt;

import dev.easel.io.Futures;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.Labels;
import dev.easel.ui.studio.WordListsModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Word lists": the lists of {@code __name__} wildcards in the data folder: pick one on the left, edit it on the
 * right (one entry a line, {@code #} for comments), Save (Ctrl/Cmd+S); New makes one (named as the prompt writes
 * it); Delete removes the open one. Above, which lists the prompt uses and which are missing.
 */
public final class WordListsView extends BorderPane {

    public WordListsView(WordListsModel vm, Runnable onClose) {
        setId("wordListsView");
        setPadding(new Insets(12));
        var used = Labels.wrapped(new Label());
        used.setId("wordListsUsed");
        used.textProperty().bind(vm.usedProperty());
        var where = Labels.wrapped(new Label(Messages.get("wordlists.folder", vm.folder().toString())));
        where.getStyleClass().add("job-note");
        setTop(new VBox(6, used, where));

        var names = new ListView<>(vm.names());
        names.setId("wordListsList");
        names.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(vm.selectedProperty().get())) {
                Futures.detach(vm.open(now), "opening a word list");
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> names.getSelectionModel().select(now));
        var newName = new TextField();
        newName.setId("newWordListField");
        newName.setPromptText(Messages.get("wordlists.newName"));
        var create = new Button(Messages.get("wordlists.new"), Icons.of(Feather.PLUS));
        create.setId("newWordListButton");
        Runnable make = () -> {
            Futures.detach(vm.create(newName.getText()), "making a word list");
            newName.clear();
        };
        create.setOnAction(e -> make.run());
        newName.setOnAction(e -> make.run());
        create.disableProperty().bind(newName.textProperty().isEmpty());
        create.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(newName, Priority.ALWAYS);
        var left = new VBox(6, names, new HBox(6, newName, create));
        VBox.setVgrow(names, Priority.ALWAYS);
        left.setMinWidth(200);

        var editor = new TextArea();
        editor.setId("wordListText");
        editor.textProperty().bindBidirectional(vm.textProperty());
        editor.disableProperty().bind(vm.selectedProperty().isNull());
        editor.setPromptText(Messages.get("wordlists.pick"));
        var save = new Button(Messages.get("wordlists.save"), Icons.of(Feather.SAVE));
        save.setId("saveWordListButton");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(vm.dirtyProperty().not());
        save.setOnAction(e -> Futures.detach(vm.save(), "saving a word list"));
        var delete = new Button(Messages.get("wordlists.delete"), Icons.of(Feather.TRASH_2));
        delete.setId("deleteWordListButton");
        delete.disableProperty().bind(vm.selectedProperty().isNull());
        delete.setOnAction(e -> Futures.detach(vm.delete(), "deleting a word list"));
        var message = Labels.wrapped(new Label());
        message.setId("wordListsMessage");
        message.textProperty().bind(vm.messageProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        var close = new Button(Messages.get("sweep.close"));
        close.setId("closeWordListsButton");
        close.setCancelButton(true);
        close.setOnAction(e -> Futures.detach(vm.saveIfChanged().thenRun(onClose), "closing the word lists"));
        var bar = new HBox(8, message, delete, save, close);
        bar.setAlignment(Pos.CENTER_RIGHT);
        var right = new VBox(6, editor, bar);
        VBox.setVgrow(editor, Priority.ALWAYS);
        var split = new SplitPane(left, right);
        split.setDividerPositions(0.3);
        BorderPane.setMargin(split, new Insets(10, 0, 0, 0));
        setCenter(split);
        sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                now.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN),
                        () -> Futures.detach(vm.save(), "saving a word list"));
            }
        });
    }

    /** Opens the manager over {@code owner} and reads the lists. */
    public static Stage open(Window owner, WordListsModel vm) {
        var stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(Messages.get("wordlists.title"));
        var scene = new Scene(new WordListsView(vm, stage::close), 760, 520);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> Futures.detach(vm.saveIfChanged(), "saving a word list")); // nothing typed is lost
        stage.show();
        Futures.detach(vm.refresh(), "reading the word lists");
        return stage;
    }
}
