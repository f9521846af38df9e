package dev.easel.ui.studio;

import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.ui.Shortcut;
import dev.easel.ui.fx.Truncation;
import dev.easel.ui.prompt.PromptArea;
import dev.easel.workflow.Template;
import javafx.application.Application;
import javafx.event.Event;
import javafx.event.EventType;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** At the smallest size the studio is made for, 1024×700, no label, button or placeholder is cut short. */
class LayoutUiTest {

    /** A column's width is set through the divider's position: it may be off by the divider's own width. */
    private static final double DIVIDER = 6.0;

    @TempDir
    Path home;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @AfterEach
    void close() throws Exception {
        RunningStudio.close(app);
    }

    private List<String> cutIn(Parent root) {
        List<String> cut = new ArrayList<>();
        robot.interact(() -> {
            root.applyCss();
            root.layout();
            cut.addAll(Truncation.in(root));
        });
        return cut;
    }

    @Test
    void atTheSmallestSizeNothingInTheStudioOrSettingsIsCutShort() throws Exception {
        app = RunningStudio.launch(home, robot);
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Parent root = stage.getScene().getRoot();
        assertThat(cutIn(root)).as("the empty studio").isEmpty();

        robot.clickOn("#generateButton");
        @SuppressWarnings("unchecked")
        ListView<Job> queue = robot.lookup("#queueList").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> WaitForAsyncUtils.asyncFx(() -> queue.getItems().stream()
                .anyMatch(j -> j.phase() == JobPhase.COMPLETED)).get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cutIn(root)).as("a finished job in the queue, its picture in the gallery").isEmpty();

        @SuppressWarnings("unchecked")
        ComboBox<Template> templates = robot.lookup("#templateBox").queryAs(ComboBox.class);
        robot.interact(() -> templates.getSelectionModel().select(templates.getItems().stream()
                .filter(t -> t.id().endsWith("img2img")).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cutIn(root)).as("the image-to-image template").isEmpty();

        robot.clickOn("#showJsonButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#jsonStatus").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cutIn(root)).as("with the JSON panel open").isEmpty();

        robot.clickOn("#settingsButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#settingsTabs").tryQuery().isPresent());
        TabPane tabs = robot.lookup("#settingsTabs").queryAs(TabPane.class);
        Parent settings = tabs.getScene().getRoot();
        assertThat(cutIn(settings)).as("Settings → Endpoints").isEmpty();
        robot.clickOn("#addProfileButton");
        assertThat(cutIn(settings)).as("Settings → a new endpoint").isEmpty();
        robot.interact(() -> tabs.getSelectionModel().select(1));
        assertThat(cutIn(settings)).as("Settings → General").isEmpty();
        Window dialog = tabs.getScene().getWindow();
        assertThat(dialog.getWidth()).isLessThanOrEqualTo(1024);
        assertThat(dialog.getHeight()).isLessThanOrEqualTo(700);
    }

    @Test
    void atTheSmallestSizeTheViewerCompareExportAndTemplateDialogsAreNotCutShort() throws Exception {
        app = RunningStudio.launch(home, robot);
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        robot.interact(() -> robot.lookup("#batchCountSpinner").queryAs(Spinner.class).getValueFactory().setValue(2));
        robot.clickOn("#generateButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> WaitForAsyncUtils.asyncFx(() ->
                robot.lookup("#gallerySummary").queryAs(Label.class).getText()).get().equals("2 images"));
        WaitForAsyncUtils.waitForFxEvents();
        Parent root = stage.getScene().getRoot();
        List<Node> tiles = robot.lookup(".tile").queryAll().stream().filter(Node::isVisible).toList();

        robot.doubleClickOn(tiles.getFirst());
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#copySeedButton").tryQuery().isPresent());
        assertThat(cutIn(root)).as("the viewer").isEmpty();
        // the gallery column is at its narrowest: the viewer fits it, its zoom buttons showing their icons only
        SplitPane split = robot.lookup("#studioSplit").queryAs(SplitPane.class);
        Node viewer = robot.lookup("#artworkDetail").query();
        Button fit = robot.lookup("#zoomFitButton").queryAs(Button.class);
        assertThat(viewer.getLayoutBounds().getWidth()).isLessThanOrEqualTo(width(split, 1));
        assertThat(fit.getContentDisplay()).isEqualTo(ContentDisplay.GRAPHIC_ONLY);
        double queueAt = split.getDividerPositions()[1];
        robot.interact(() -> split.setDividerPosition(1, queueAt + 100 / split.getWidth()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fit.getContentDisplay()).as("a wider column: the words again").isEqualTo(ContentDisplay.LEFT);
        robot.interact(() -> split.setDividerPosition(1, queueAt));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fit.getContentDisplay()).as("narrow again: icons again").isEqualTo(ContentDisplay.GRAPHIC_ONLY);
        robot.clickOn("#closeViewerButton");
        WaitForAsyncUtils.waitForFxEvents();

        tiles = robot.lookup(".tile").queryAll().stream().filter(Node::isVisible).toList(); // the grid again
        robot.clickOn(tiles.get(0));
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#compareButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#comparedImage").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cutIn(root)).as("two pictures compared").isEmpty();
        robot.clickOn("#compareSliderButton");
        assertThat(cutIn(root)).as("compared with the slider").isEmpty();

        robot.clickOn("#viewerExportButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#exportFolder").tryQuery().isPresent());
        Parent export = robot.lookup("#exportFolder").query().getScene().getRoot();
        assertThat(cutIn(export)).as("the export dialog").isEmpty();
        robot.clickOn("Cancel");
        robot.clickOn("#closeViewerButton");

        robot.clickOn("#templateMenu").clickOn("Save as template…");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#templateNameField").tryQuery().isPresent());
        Parent save = robot.lookup("#templateNameField").query().getScene().getRoot();
        assertThat(cutIn(save)).as("the save-as-template dialog").isEmpty();
        robot.clickOn("Cancel");
    }

    @Test
    void theColumnsOpenAsWideAsTheyWereAndKeepTheirWidthWhenPanelsComeAndGo() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/window.json"), """
                {"x":0,"y":0,"width":980,"height":700,"maximized":false,"leftWidth":310,"sideWidth":250}""");
        app = RunningStudio.launch(home, robot);
        SplitPane split = robot.lookup("#studioSplit").queryAs(SplitPane.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> split.getItems().size() == 3
                && Math.abs(width(split, 0) - 310) < 3);
        assertThat(width(split, 2)).isCloseTo(250, within(DIVIDER));

        robot.clickOn("#showQueueButton"); // the side column closes: the gallery takes its room
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(split.getItems()).hasSize(2);
        robot.clickOn("#showQueueButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(width(split, 2)).as("back at the width it had").isCloseTo(250, within(DIVIDER));
        assertThat(width(split, 0)).isCloseTo(310, within(DIVIDER));

        robot.clickOn("#showJsonButton"); // the JSON panel joins the queue in the side column, wide enough for it
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#jsonStatus").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(split.getItems()).hasSize(3);
        assertThat(robot.lookup("#sidePanels").queryAs(SplitPane.class).getItems()).hasSize(2);
        assertThat(width(split, 2)).as("wider, as far as the gallery allows").isGreaterThan(252);
        assertThat(width(split, 1)).as("the gallery keeps a useful width").isGreaterThanOrEqualTo(357);
    }

    @Test
    void theColumnsStayPutAsQueueRowsComeAndGoAndAsTheWindowShrinksAndGrows() throws Exception {
        app = RunningStudio.launch(home, robot);
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        place(stage, 990, 960); // as wide as JavaFX's Headless screen (1000 × 1000) allows
        WaitForAsyncUtils.waitForFxEvents();
        SplitPane split = robot.lookup("#studioSplit").queryAs(SplitPane.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> split.getItems().size() == 3);
        double left = width(split, 0);
        double side = width(split, 2);

        robot.interact(() -> robot.lookup("#batchCountSpinner").queryAs(Spinner.class).getValueFactory().setValue(3));
        robot.clickOn("#generateButton");
        @SuppressWarnings("unchecked")
        ListView<Job> queue = robot.lookup("#queueList").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> WaitForAsyncUtils.asyncFx(() -> queue.getItems().size() == 3
                && queue.getItems().stream().allMatch(j -> j.phase() == JobPhase.COMPLETED)).get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(width(split, 0)).as("rows added: the left column").isEqualTo(left);
        assertThat(width(split, 2)).as("rows added: the queue's column").isEqualTo(side);
        robot.clickOn("#clearFinishedButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> WaitForAsyncUtils.asyncFx(() -> queue.getItems().isEmpty())
                .get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(width(split, 0)).as("rows cleared: the left column").isEqualTo(left);
        assertThat(width(split, 2)).as("rows cleared: the queue's column").isEqualTo(side);

        robot.interact(() -> {
            stage.setWidth(760);
            stage.setHeight(600);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(width(split, 2)).as("shrunk: the queue is not crushed").isGreaterThanOrEqualTo(200);
        assertThat(width(split, 1)).as("shrunk: the gallery keeps some width").isGreaterThanOrEqualTo(150);
        place(stage, 990, 960);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(width(split, 0)).as("grown again: the left column").isCloseTo(left, within(DIVIDER));
        assertThat(width(split, 2)).as("grown again: the queue's column").isCloseTo(side, within(DIVIDER));

        // a divider dragged (narrower: at 990 the gallery is at its narrowest): that width is kept through a shrink and grow
        Node divider = split.lookupAll(".split-pane-divider").stream().filter(n -> n.getParent() == split)
                .findFirst().orElseThrow();
        robot.interact(() -> {
            Event.fireEvent(divider, press(MouseEvent.MOUSE_PRESSED));
            split.setDividerPosition(0, (left - 30) / split.getWidth());
            split.layout();
            Event.fireEvent(divider, press(MouseEvent.MOUSE_RELEASED));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(width(split, 0)).isCloseTo(left - 30, within(DIVIDER));
        robot.interact(() -> stage.setWidth(760));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.setWidth(990));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(width(split, 0)).as("the dragged width, back").isCloseTo(left - 30, within(DIVIDER));
        assertThat(width(split, 2)).isCloseTo(side, within(DIVIDER));
    }

    private void place(Stage stage, double width, double height) {
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
        });
    }

    private static MouseEvent press(EventType<MouseEvent> type) {
        return new MouseEvent(type, 1, 1, 1, 1, MouseButton.PRIMARY, 1, false, false, false, false, true, false, false,
                false, false, false, null);
    }

    @Test
    void f1ShowsEveryShortcutInTwoAlignedColumns() throws Exception {
        app = RunningStudio.launch(home, robot);
        robot.type(KeyCode.F1);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#shortcutTable").tryQuery().isPresent());
        GridPane table = robot.lookup("#shortcutTable").queryAs(GridPane.class);
        WaitForAsyncUtils.waitForFxEvents();
        var keys = table.getChildren().stream().filter(n -> GridPane.getColumnIndex(n) == 0).toList();
        var words = table.getChildren().stream().filter(n -> GridPane.getColumnIndex(n) == 1).toList();
        assertThat(keys).hasSize(Shortcut.values().length);
        assertThat(keys.stream().map(n -> Math.round(n.getBoundsInParent().getMinX())).distinct()).as("one column of keys")
                .hasSize(1);
        assertThat(words.stream().map(n -> Math.round(n.getBoundsInParent().getMinX())).distinct()).as("one column of words")
                .hasSize(1);
        assertThat(cutIn(table.getScene().getRoot())).isEmpty();
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void thePromptBoxGrowsWhenItsHandleIsDraggedAndNeverShrinksAway() throws Exception {
        app = RunningStudio.launch(home, robot);
        PromptArea prompt = robot.lookup("#promptArea").queryAs(PromptArea.class);
        double before = prompt.getHeight();
        assertThat(before).as("room for a real prompt").isGreaterThan(120);
        Node grip = robot.lookup("#promptGrip").query();
        drag(grip, 120); // the handler's arithmetic (the headless robot's drags arrive without their movement)
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(prompt.getHeight()).as("pref " + prompt.getPrefHeight()).isGreaterThan(before + 80);
        drag(grip, -2000);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(prompt.getHeight()).isGreaterThanOrEqualTo(64 - 1);
    }

    private void drag(Node node, double dy) {
        robot.interact(() -> {
            var b = node.localToScene(node.getBoundsInLocal());
            double x = b.getCenterX();
            double y = b.getCenterY();
            Event.fireEvent(node, mouse(MouseEvent.MOUSE_PRESSED, x, y));
            Event.fireEvent(node, mouse(MouseEvent.MOUSE_DRAGGED, x, y + dy / 2));
            Event.fireEvent(node, mouse(MouseEvent.MOUSE_DRAGGED, x, y + dy));
            Event.fireEvent(node, mouse(MouseEvent.MOUSE_RELEASED, x, y + dy));
        });
    }

    private static MouseEvent mouse(EventType<MouseEvent> type, double x, double y) {
        return new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, 1, false, false, false, false, true, false,
                false, false, false, false, null);
    }

    private static double width(SplitPane split, int item) {
        return ((Region) split.getItems().get(item)).getWidth();
    }
}
