package dev.easel.ui.gallery;

import atlantafx.base.theme.PrimerLight;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunpodConfig;
import dev.easel.demo.DemoRenderer;
import dev.easel.io.Database;
import dev.easel.library.Exporter;
import dev.easel.library.Library;
import dev.easel.library.LibraryQuery;
import dev.easel.library.ResultStore;
import dev.easel.library.ResultToSave;
import dev.easel.library.StatusImport;
import dev.easel.library.ThumbnailCache;
import dev.easel.library.Tile;
import dev.easel.library.Trash;
import dev.easel.testing.Databases;
import dev.easel.testing.Fixtures;
import dev.easel.ui.fx.Copied;
import dev.easel.ui.fx.FxExecutor;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.TemplateLibrary;
import javafx.application.Application;
import javafx.event.Event;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The gallery on its own, on a library of 30 pictures: the grid, the keyboard, selection, the viewer. */
@ExtendWith(ApplicationExtension.class)
class GalleryUiTest {

    private Path dir;
    private Database db;
    private GalleryViewModel vm;
    private OkHttpRunpodClient client;
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();

    @Start
    void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        dir = Files.createTempDirectory("easel-gallery-ui");
        db = Databases.open(dir.resolve("easel.db"));
        var thumbs = new ThumbnailCache(dir.resolve("thumbs"), io);
        var store = new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC, thumbs);
        for (int i = 0; i < 30; i++) {
            Map<Parameter, Object> p = new EnumMap<>(Parameter.class);
            p.put(Parameter.PROMPT, (i % 2 == 0 ? "a lighthouse " : "a red fox ") + i);
            p.put(Parameter.SEED, (long) i);
            store.save(new ResultToSave(0, "job-" + i, "Demo", new DemoRenderer().renderPng("x", i, 5, 64, 64, 0), 0,
                    Fixtures.tutorialInput().get("workflow"), null, p, "flux1-dev-fp8", null, null, 0,
                    Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i)));
        }
        var library = new Library(db, dir.resolve("out"), thumbs, ZoneOffset.UTC);
        client = new OkHttpRunpodClient(RunpodConfig.of(URI.create("http://127.0.0.1:9"), "x", null));
        var session = new WorkflowSession(new TemplateLibrary(dir.resolve("t")).defaultTemplate());
        vm = new GalleryViewModel(library, new StatusImport(store, client, Clock.systemUTC()),
                new Trash(dir.resolve("Trash")), session, io, new FxExecutor());
        var scene = new Scene(new GalleryView(vm, p -> { }), 900, 700);
        scene.getStylesheets().add(getClass().getResource("/dev/easel/easel.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        vm.refresh();
    }

    @AfterEach
    void close() throws Exception {
        io.shutdownNow();
        client.close();
        db.close();
    }

    /** The tiles in view, in reading order (the grid's rows are a pool in no order, some just outside the view). */
    private List<Node> tiles(FxRobot robot) {
        var grid = robot.lookup("#galleryGrid").queryAs(Region.class);
        return robot.lookup(".tile").match(Node::isVisible).queryAll().stream()
                .filter(t -> t.getParent().isVisible())
                .filter(t -> {
                    var b = grid.sceneToLocal(t.localToScene(t.getLayoutBounds()));
                    return b.getMaxY() > 0 && b.getMinY() < grid.getHeight();
                })
                .sorted(Comparator.comparingDouble((Node t) -> t.localToScene(0, 0).getY())
                        .thenComparingDouble(t -> t.localToScene(0, 0).getX()))
                .toList();
    }

    private void key(FxRobot robot, KeyCode... keys) {
        robot.interact(() -> { });
        robot.type(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void thumbnailsFillTheGridAndTheKeyboardSelects(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty() && tiles(robot).stream()
                .allMatch(t -> ((ImageView) ((Parent) t).getChildrenUnmodifiable().getFirst())
                        .getImage() != null));
        assertThat(robot.lookup("#gallerySummary").queryAs(Label.class).getText()).isEqualTo("30 images");
        // only the rows in view exist: a virtual grid
        assertThat(tiles(robot).size()).isLessThan(30);

        robot.clickOn(tiles(robot).getFirst());
        assertThat(vm.targets()).singleElement().satisfies(t -> assertThat(vm.prompt(t).get(5, TimeUnit.SECONDS))
                .isEqualTo("a red fox 29"));
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.selected()).hasSize(2);
        assertThat(robot.lookup("#selectionCount").queryAs(Label.class).getText()).isEqualTo("2 selected");
        assertThat(robot.lookup("#selectionBar").query().isVisible()).isTrue();

        // Compare shows both side by side
        robot.clickOn("#compareButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.comparedProperty().get() != null);
        assertThat(robot.lookup("#comparedImage").queryAs(ImageView.class).getImage()).isNotNull();
        assertThat(robot.lookup("#artworkDetail").query().isVisible()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#viewerPosition").queryAs(Label.class).getText())
                .as("not one picture's place in the grid").isEqualTo("Comparing two pictures");
        assertThat(robot.lookup("#nextButton").query().isDisabled()).isTrue();
        var grid = robot.lookup("#metadataGrid").queryAs(GridPane.class);
        List<String> names = grid.getChildren().stream().filter(n -> n instanceof Label l
                && l.getStyleClass().contains("meta-name")).map(n -> ((Label) n).getText()).toList();
        assertThat(names).as("both pictures' settings, the differences marked").contains("Left", "Right", "Prompt ≠",
                "Template");
        assertThat(grid.getChildren().stream().filter(n -> n.getStyleClass().contains("meta-differs"))
                .map(n -> ((Label) n).getText())).contains("a red fox 29", "a lighthouse 28", "29", "28");
        robot.clickOn("#zoomActualButton");
        WaitForAsyncUtils.waitForFxEvents();
        var second = robot.lookup("#comparedImage").queryAs(ImageView.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> second.getImage().getProgress() >= 1);
        robot.clickOn("#zoomActualButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(second.getFitWidth()).as("100 % for both").isEqualTo(second.getImage().getWidth());
        // one over the other: the right picture shows from the slider's line on
        robot.clickOn("#compareSliderButton");
        WaitForAsyncUtils.waitForFxEvents();
        var overlay = robot.lookup("#overlayCompare").queryAs(BorderPane.class);
        assertThat(overlay.isVisible()).isTrue();
        var over = (ImageView) ((StackPane) overlay.getCenter()).getChildren().get(1);
        var slider = robot.lookup("#compareSlider").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(0));
        double whole = ((Rectangle) over.getClip()).getWidth();
        assertThat(whole).as("all of it").isPositive().isCloseTo(over.getLayoutBounds().getWidth(), within(1.0));
        robot.interact(() -> slider.setValue(0.5)); // the middle of the box: the pictures are centred in it
        assertThat(((Rectangle) over.getClip()).getWidth()).as("about half of it").isBetween(whole * 0.3, whole * 0.7);
        robot.clickOn("#compareSliderButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#comparedImage").query().isVisible()).as("side by side again").isTrue();
        key(robot, KeyCode.ESCAPE);
        assertThat(robot.lookup("#artworkDetail").query().isVisible()).isFalse();

        // End goes to the last picture, scrolling it into view
        robot.clickOn(tiles(robot).getFirst());
        key(robot, KeyCode.END);
        assertThat(vm.focusProperty().get()).isEqualTo(29);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".tile:focused-tile").tryQuery()
                .map(Node::isVisible).orElse(false));
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.selected()).hasSize(30);
        key(robot, KeyCode.ESCAPE);
        assertThat(vm.selected()).isEmpty();
    }

    @Test
    void aFavouriteTileShowsItsStarAndTheOthersNone(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty());
        assertThat(robot.lookup(".tile-star").queryAll()).as("no favourites, no stars (none made)").isEmpty();
        robot.clickOn(tiles(robot).getFirst());
        key(robot, KeyCode.F);
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.tiles().getFirst().favourite()
                && robot.lookup(".tile-star").match(Node::isVisible).queryAll().size() == 1);
        key(robot, KeyCode.F);
        await().atMost(Duration.ofSeconds(5)).until(() -> !vm.tiles().getFirst().favourite()
                && robot.lookup(".tile-star").queryAll().isEmpty());
    }

    @Test
    void theViewerStepsFavouritesTagsAndTrashes(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty());
        robot.doubleClickOn(tiles(robot).getFirst());
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.viewedProperty().get() != null);
        assertThat(robot.lookup("#viewerPosition").queryAs(Label.class).getText()).isEqualTo("1 of 30");
        key(robot, KeyCode.RIGHT);
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.viewedProperty().get().prompt().equals("a lighthouse 28"));
        assertThat(robot.lookup("#viewerPosition").queryAs(Label.class).getText()).isEqualTo("2 of 30");

        var star = robot.lookup("#favouriteButton").query();
        assertThat(star.getPseudoClassStates()).as("not a favourite yet").doesNotContain(ViewerPane.FAVOURITE_ON);
        key(robot, KeyCode.F);
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.viewedProperty().get().favourite());
        assertThat(vm.tiles().get(1).favourite()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> star.getPseudoClassStates().contains(ViewerPane.FAVOURITE_ON));
        assertThat(((Button) star).getTooltip().getText()).isEqualTo("A favourite: F takes it out");

        robot.clickOn("#addTagField").write("seaside").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.viewedTags().contains("seaside"));
        assertThat(robot.lookup(".tag-chip").queryButton().getText()).isEqualTo("seaside");

        Path file = vm.viewedProperty().get().file();
        robot.clickOn("#selectedImage");
        key(robot, KeyCode.DELETE);
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.tiles().size() == 29);
        assertThat(file).doesNotExist();
        assertThat(dir.resolve("Trash/files").resolve(file.getFileName())).exists();
        assertThat(robot.lookup("#galleryMessage").queryAs(Label.class).getText()).isEqualTo("Moved 1 image to the trash.");
        assertThat(robot.lookup("#artworkDetail").query().isVisible()).as("the viewer closes").isFalse();

        // the favourites filter and the search box
        robot.clickOn("#favouritesOnlyToggle");
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.tiles().isEmpty()); // the favourite was trashed
        assertThat(robot.lookup("#galleryNothing").queryAs(Label.class).isVisible()).isTrue();
        robot.clickOn("#favouritesOnlyToggle");
        robot.clickOn("#gallerySearch").write("fox");
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.tiles().size() == 15);
        assertThat(robot.lookup("#gallerySummary").queryAs(Label.class).getText()).isEqualTo("15 of 29 images");
        robot.interact(() -> robot.lookup("#gallerySearch").queryAs(TextField.class).clear());
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.tiles().size() == 29);
        assertThat(vm.filters().query()).isEqualTo(LibraryQuery.all());
    }

    @Test
    void theViewersKeysWorkAfterAToolbarButtonOrThePanelWasClicked(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty());
        robot.doubleClickOn(tiles(robot).getFirst());
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.viewedProperty().get() != null);
        robot.clickOn("#zoomFitButton"); // a toolbar button has the focus: arrows used to move it instead
        key(robot, KeyCode.RIGHT);
        await().atMost(Duration.ofSeconds(5)).until(() -> "2 of 30".equals(
                robot.lookup("#viewerPosition").queryAs(Label.class).getText()));
        robot.clickOn("#metadataGrid"); // the panel beside the picture
        key(robot, KeyCode.LEFT);
        await().atMost(Duration.ofSeconds(5)).until(() -> "1 of 30".equals(
                robot.lookup("#viewerPosition").queryAs(Label.class).getText()));
        robot.clickOn("#useSettingsButton");
        key(robot, KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.viewedProperty().get() == null);

        robot.doubleClickOn(tiles(robot).getFirst());
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.viewedProperty().get() != null);
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL); // search: back to the grid, into the box
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.viewedProperty().get()).isNull();
        assertThat(robot.lookup("#gallerySearch").query().isFocused()).isTrue();
        // typing in the JSON editor (or any text) never reaches the gallery: Delete there deletes text, not a picture
        robot.interact(() -> {
            assertThat(GalleryKeys.usesKeysItself(new CodeArea())).isTrue();
            assertThat(GalleryKeys.usesKeysItself(new TextField())).isTrue();
            assertThat(GalleryKeys.usesKeysItself(new Button())).isFalse();
        });
    }

    @Test
    void undoPutsTrashedPicturesBackInPlaceAndInTheLibrary(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty());
        robot.clickOn(tiles(robot).get(0));
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        List<Path> files = vm.targets().stream().map(t -> t.file()).toList();
        assertThat(files).hasSize(2);
        key(robot, KeyCode.DELETE);
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.tiles().size() == 28);
        assertThat(files).allMatch(f -> !Files.exists(f));
        var undo = robot.lookup("#undoTrashButton").queryAs(Hyperlink.class);
        assertThat(undo.isVisible()).as("Undo is offered").isTrue();
        robot.clickOn(undo);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.tiles().size() == 30);
        assertThat(files).as("back where they were").allMatch(Files::exists);
        assertThat(dir.resolve("Trash/files").resolve(files.getFirst().getFileName())).doesNotExist();
        assertThat(dir.resolve("Trash/info").resolve(files.getFirst().getFileName() + ".trashinfo")).doesNotExist();
        assertThat(robot.lookup("#galleryMessage").queryAs(Label.class).getText()).isEqualTo("2 pictures are back.");
        assertThat(undo.isVisible()).as("one undo per move").isFalse();
    }

    @Test
    void aFileDeletedOutsideIsShownMissingAfterARescan(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty());
        Files.delete(vm.tiles().getFirst().file());
        robot.clickOn("#rescanButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.tiles().getFirst().missing());
        assertThat(robot.lookup("#galleryMessage").queryAs(Label.class).getText())
                .isEqualTo("1 image is missing from disk.");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".tile-missing").match(Node::isVisible)
                .tryQuery().isPresent());
        assertThat(vm.tiles()).as("kept, not dropped").hasSize(30);
    }

    @Test
    void theSizeSliderChangesHowManyTilesARowHolds(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty());
        double firstRowY = tiles(robot).getFirst().localToScene(0, 0).getY();
        long perRow = tiles(robot).stream().filter(t -> t.localToScene(0, 0).getY() == firstRowY).count();
        robot.interact(() -> vm.thumbSizeProperty().set(96));
        WaitForAsyncUtils.waitForFxEvents();
        double y = tiles(robot).getFirst().localToScene(0, 0).getY();
        long smaller = tiles(robot).stream().filter(t -> t.localToScene(0, 0).getY() == y).count();
        assertThat(smaller).isGreaterThan(perRow);
        assertThat(tiles(robot).getFirst().getLayoutBounds().getWidth()).isEqualTo(96);
    }

    @Test
    void aNarrowerGalleryHoldsFewerTilesARowAllInsideIt(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty());
        var grid = robot.lookup("#galleryGrid").queryAs(Region.class);
        var window = grid.getScene().getWindow();
        robot.interact(() -> window.setWidth(420)); // as a dragged divider or a smaller window does
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.setWidth(380));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tiles(robot)).isNotEmpty();
        for (Node t : tiles(robot)) {
            var b = grid.sceneToLocal(t.localToScene(t.getBoundsInLocal()));
            assertThat(b.getMinX()).as("inside the grid").isGreaterThanOrEqualTo(0);
            assertThat(b.getMaxX()).as("inside the grid").isLessThanOrEqualTo(grid.getWidth());
        }
        for (Node row : robot.lookup(".thumbnail-row").queryAll()) {
            assertThat(row.getBoundsInParent().getWidth()).as("a row no wider than the grid: no sideways scrolling")
                    .isLessThanOrEqualTo(grid.getWidth());
        }
    }

    @Test
    void aTilesPromptIsReadWhenItsTooltipShowsOrAScreenReaderAsks(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty());
        // a screen reader first, on the last tile in view: it hears the prompt, read when first asked for (whether
        // that first answer is still the file's name is a race, so it is not checked)
        int last = tiles(robot).size() - 1;
        Node asked = tiles(robot).get(last);
        String prompt = vm.prompt(vm.tiles().get(last)).get(5, TimeUnit.SECONDS);
        assertThat(prompt).startsWith("a ");
        await().atMost(Duration.ofSeconds(5)).until(() -> WaitForAsyncUtils.asyncFx(() ->
                asked.queryAccessibleAttribute(AccessibleAttribute.TEXT)).get().equals(prompt));

        Node first = tiles(robot).getFirst();
        var tip = (Tooltip) first.getProperties().get("javafx.scene.control.Tooltip");
        robot.moveTo(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> tip.isShowing() && tip.getText().equals("a red fox 29"));
    }

    @Test
    void aThumbnailIsDecodedOnlyWhileATileStillWantsIt() throws Exception {
        var images = new TileImages(vm);
        Tile tile = vm.tiles().getLast();
        var passedBy = new CompletableFuture<Image>();
        var wanted = new CompletableFuture<Image>();
        double size = vm.thumbSizeProperty().get();
        WaitForAsyncUtils.asyncFx(() -> {
            images.load(tile, size, () -> -1, passedBy::complete); // the tile showed another picture by then
            images.load(tile, size, tile::id, wanted::complete);
        }).get();
        Image img = wanted.get(10, TimeUnit.SECONDS);
        assertThat(Math.max(img.getWidth(), img.getHeight())).isEqualTo(size);
        assertThat(img.getProgress()).isEqualTo(1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(passedBy).as("nothing decoded or shown for a tile that moved on").isNotDone();
        assertThat(WaitForAsyncUtils.asyncFx(() -> images.cached(tile)).get()).isSameAs(img);
    }

    @Test
    void filesDroppedOnTheGalleryAreImported(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty());
        Path answer = dir.resolve("comfyui_output.json");
        Files.writeString(answer, Fixtures.runpod("status-completed-base64"));
        var gallery = robot.lookup(".gallery-view").query();
        robot.interact(() -> {
            // a drop from another app: a dragboard with files and no gesture source in this scene
            Dragboard board = outsideDragboard();
            var content = new ClipboardContent();
            content.putFiles(List.of(answer.toFile()));
            board.setContent(content);
            // (DRAG_OVER can't be replayed: a local clipboard has no transfer modes until a real gesture sets them)
            var dropped = new DragEvent(DragEvent.DRAG_DROPPED, board, 100, 100,
                    100, 100, TransferMode.COPY, null, null, null);
            Event.fireEvent(gallery, dropped);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.tiles().size() == 31);
        assertThat(robot.lookup("#galleryMessage").queryAs(Label.class).getText())
                .isEqualTo("Added 1 image from comfyui_output.json to the library.");
    }

    @Test
    void exportThroughTheDialogAndCopyTheSeed(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty());
        robot.clickOn(tiles(robot).get(0));
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.selected()).hasSize(2);
        robot.clickOn("#bulkExportButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#exportFolder").tryQuery().isPresent());
        Path out = dir.resolve("exported");
        robot.interact(() -> {
            robot.lookup("#exportFolder").queryAs(TextField.class).setText(out.toString());
            robot.lookup("#exportPattern").queryAs(TextField.class).setText("{prompt}_{seed}");
            robot.lookup("#exportFormat").queryComboBox().getSelectionModel().select(
                    Exporter.Format.JPEG);
        });
        robot.clickOn("Export");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.isDirectory(out) && Files.list(out).count() == 2);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("a-lighthouse-28_28.jpg", "a-red-fox-29_29.jpg");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#galleryMessage").queryAs(Label.class)
                .getText().startsWith("Exported 2 images to"));

        // a bad name pattern is said in the dialog, and nothing is written
        robot.clickOn("#bulkExportButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#exportFolder").tryQuery().isPresent());
        // it opens as the last export left it
        assertThat(robot.lookup("#exportFolder").queryAs(TextField.class).getText()).isEqualTo(out.toString());
        assertThat(robot.lookup("#exportPattern").queryAs(TextField.class).getText()).isEqualTo("{prompt}_{seed}");
        assertThat(robot.lookup("#exportFormat").queryComboBox().getValue()).isEqualTo(Exporter.Format.JPEG);
        robot.interact(() -> robot.lookup("#exportPattern").queryAs(TextField.class).setText("{colour}"));
        robot.clickOn("Export");
        assertThat(robot.lookup(".danger").queryAs(Label.class).getText()).contains("Unknown name part {colour}");
        robot.clickOn("Cancel");

        // the viewer's copy buttons
        robot.doubleClickOn(tiles(robot).getFirst());
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#copySeedButton").tryQuery().isPresent());
        robot.clickOn("#copySeedButton");
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString())
                .get();
        assertThat(copied).isEqualTo(String.valueOf(vm.viewedProperty().get().seed()));
        var seedButton = robot.lookup("#copySeedButton").queryButton();
        assertThat(seedButton.getPseudoClassStates()).as("it says it copied").contains(Copied.COPIED);
        assertThat(seedButton.getAccessibleText()).isEqualTo("Copied the seed");
        await().atMost(Duration.ofSeconds(10)).until(() -> !seedButton.getPseudoClassStates().contains(Copied.COPIED));
        assertThat(seedButton.getAccessibleText()).as("and then is itself again").isEqualTo("Copy seed");
    }

    @Test
    void theFilterRowOffersWhatTheLibraryHolds(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles(robot).isEmpty());
        assertThat(robot.lookup("#templateFilter").tryQuery()).as("made when first shown").isEmpty();
        robot.clickOn("#filtersToggle");
        @SuppressWarnings("unchecked")
        ComboBox<String> template = robot.lookup("#templateFilter").queryAs(ComboBox.class);
        assertThat(template.getItems()).containsExactly(null, "flux1-dev-fp8");
        robot.interact(() -> robot.lookup("#seedFilter").queryAs(TextField.class).setText("7"));
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.tiles().size() == 1);
        assertThat(vm.tiles().getFirst().seed()).isEqualTo(7L);
        robot.clickOn("#clearFiltersButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.tiles().size() == 30);
    }

    /**
     * A dragboard as another app's drag brings it. JavaFX makes them only inside a real drag gesture, which the
     * headless platform has no mouse for; its own (non-exported) factory makes one. Tests run on the class path,
     * so reflection reaches it.
     */
    private static Dragboard outsideDragboard() {
        try {
            Class.forName("javafx.scene.input.Dragboard"); // registers the factory's accessor
            Class<?> toolkit = Class.forName("com.sun.javafx.tk.Toolkit");
            Object tk = toolkit.getMethod("getToolkit").invoke(null);
            Object clipboard = toolkit.getMethod("createLocalClipboard").invoke(tk);
            return (Dragboard) Class.forName("com.sun.javafx.scene.input.DragboardHelper")
                    .getMethod("createDragboard", Class.forName("com.sun.javafx.tk.TKClipboard"))
                    .invoke(null, clipboard);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
