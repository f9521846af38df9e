package dev.easel.ui.studio;

import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.ui.sweep.SweepKind;
import javafx.application.Application;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.easel.ui.studio.RunningStudio.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Sweep…" in the studio: axes chosen and typed, what it would send said, a mistake said before anything is sent;
 * Send opens the live grid, whose cells become pictures; a cell shows its values; Extend sends only the new cells.
 */
class SweepUiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path home;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @AfterEach
    void close() throws Exception {
        RunningStudio.close(app);
    }

    @SuppressWarnings("unchecked")
    private List<Job> jobs() {
        return onFx(() -> List.copyOf(robot.lookup("#queueList").queryAs(ListView.class).getItems()));
    }

    private String text(String id) {
        return onFx(() -> robot.lookup(id).queryLabeled().getText());
    }

    @SuppressWarnings("unchecked")
    private void axis(String row, SweepKind kind, String values) {
        robot.interact(() -> {
            robot.lookup("#sweepKind" + row).queryAs(ComboBox.class).setValue(kind);
            robot.lookup("#sweepValues" + row).queryAs(TextField.class).setText(values);
        });
    }

    private boolean dialogOpen() {
        return robot.lookup("#sendSweepButton").tryQuery().filter(Node::isVisible).isPresent();
    }

    @Test
    void aSweepIsSaidBeforeItIsSentRunsAsJobsShowsLiveAndExtendsWithOnlyTheNewCells() throws Exception {
        app = RunningStudio.launch(home, robot);
        robot.interact(() -> robot.lookup("#sweepButton").queryButton().fire());
        await().atMost(WAIT).until(this::dialogOpen);
        assertThat(text("#sweepSummary")).isEqualTo("Choose at least one axis and type its values.");
        assertThat(robot.lookup(n -> n.getId() != null && n.getId().startsWith("sweepShare-")).tryQuery())
                .as("on the demo no other endpoint is offered to share the cells").isEmpty();

        axis("X", SweepKind.STEPS, "2, 4");
        axis("Y", SweepKind.CFG, "1, lots");
        assertThat(text("#sweepProblem")).isEqualTo("The axis cfg has \"lots\", which is not a number.");
        assertThat(onFx(() -> robot.lookup("#sendSweepButton").queryButton().isDisabled())).isTrue();
        axis("Y", SweepKind.CFG, "1, 2.5");
        assertThat(onFx(() -> robot.lookup("#sweepProblem").queryAs(Label.class).isVisible())).isFalse();
        assertThat(text("#sweepSummary")).startsWith("4 jobs, one a cell.").contains("GPU time");
        assertThat(text("#sendSweepButton")).isEqualTo("Send 4 jobs");
        assertThat(jobs()).as("nothing sent while the dialog is open").isEmpty();
        assertThat(onFx(() -> robot.lookup("#sendSweepButton").queryButton().isDefaultButton())).isTrue();
        axis("Z", SweepKind.SEEDS, "3"); // 12 jobs: more than Settings asks about first (10)
        assertThat(text("#sweepSummary")).startsWith("12 jobs").endsWith("press Send to send them (Enter does not).");
        assertThat(onFx(() -> robot.lookup("#sendSweepButton").queryButton().isDefaultButton()))
                .as("Enter in a field does not send that many").isFalse();
        axis("Z", SweepKind.MODEL, "");
        MenuButton pick = robot.lookup("#sweepPickModelZ").queryAs(MenuButton.class);
        robot.interact(pick::show);
        assertThat(onFx(() -> pick.getItems().getFirst().getText())).as("the demo lists no checkpoints")
                .startsWith("No checkpoints known for this endpoint");
        robot.interact(pick::hide);
        axis("Z", SweepKind.NONE, "");

        var tiles = new AtomicInteger();
        robot.interact(() -> robot.lookup("#sweepStrip").queryAs(Pane.class).getChildren().addListener(
                (ListChangeListener<Node>) c -> tiles.accumulateAndGet(c.getList().size(), Math::max)));
        robot.interact(() -> robot.lookup("#sendSweepButton").queryButton().fire());
        await().atMost(WAIT).until(() -> robot.lookup("#sweepGrid").tryQuery().isPresent());
        await().atMost(WAIT).until(() -> text("#sweepGridSummary").startsWith("4 of 4 done."));
        await().atMost(WAIT).until(() -> text("#sweepGridSummary").contains("The grid picture is saved"));
        assertThat(tiles.get()).as("a tile above the gallery while it ran").isEqualTo(1);
        await("the grid picture in the gallery with its 4 cells").atMost(WAIT)
                .until(() -> text("#gallerySummary").equals("5 images"));
        await().atMost(WAIT).until(() -> !onFx(() -> robot.lookup("#sweepStrip").query().isVisible()));
        assertThat(jobs()).hasSize(4).allMatch(j -> j.phase() == JobPhase.COMPLETED);
        for (int n = 0; n < 4; n++) {
            StackPane cell = robot.lookup("#sweepCell" + n).queryAs(StackPane.class);
            assertThat(onFx(() -> cell.getChildren().getFirst() instanceof ImageView)).as("cell %d shows its picture", n)
                    .isTrue();
        }
        robot.interact(() -> robot.lookup("#sweepCell3").queryAs(StackPane.class).getOnMouseClicked().handle(null));
        assertThat(text("#sweepCellDetails")).startsWith("steps: 4\ncfg: 2.5\nseed: ").contains("state: Done");

        // the grid picture in the gallery's viewer, which can open it as its grid again later
        robot.interact(() -> robot.lookup("#openGridPictureButton").queryButton().fire());
        await().atMost(WAIT).until(() -> robot.lookup("#openAsGridButton").tryQuery().filter(Node::isVisible)
                .isPresent());
        assertThat(onFx(() -> robot.lookup("#retryNewSeedButton").query().isVisible()))
                .as("a grid picture has no settings of its own to run again").isFalse();

        // Extend: a third steps value; the four cells done are not sent again
        robot.interact(() -> robot.lookup("#extendSweepButton").queryAs(Button.class).fire());
        await().atMost(WAIT).until(() -> dialogOpen() && onFx(() -> robot.lookup("#sweepValuesX")
                .queryAs(TextField.class).getText()).equals("2, 4"));
        robot.interact(() -> robot.lookup("#sweepValuesX").queryAs(TextField.class).setText("2, 4, 6"));
        assertThat(text("#sweepSummary")).startsWith("2 jobs, one a cell. 4 cells are done already and not sent again.");
        assertThat(text("#sendSweepButton")).isEqualTo("Send 2 jobs");
        robot.interact(() -> robot.lookup("#sendSweepButton").queryButton().fire());
        await().atMost(WAIT).until(() -> text("#sweepGridSummary").startsWith("6 of 6 done.")
                && text("#sweepGridSummary").contains("saved"));
        assertThat(jobs()).as("4 + 2 jobs, not 4 + 6").hasSize(6).allMatch(j -> j.phase() == JobPhase.COMPLETED);

        // "Open as grid" on the first grid picture shows the first sweep again
        robot.interact(() -> robot.lookup("#openAsGridButton").queryButton().fire());
        await().atMost(WAIT).until(() -> text("#sweepGridSummary").startsWith("4 of 4 done."));
    }
}
