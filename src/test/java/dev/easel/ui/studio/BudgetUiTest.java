package dev.easel.ui.studio;

import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.settings.SettingsStore;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static dev.easel.ui.studio.RunningStudio.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A session budget set in Settings holds the next job in the queue, says why, and "Go on past it" sends it. */
class BudgetUiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path home;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @AfterEach
    void close() throws Exception {
        RunningStudio.close(app);
    }

    @SuppressWarnings("unchecked")
    private List<Job> rows() {
        return onFx(() -> List.copyOf(robot.lookup("#queueList").queryAs(ListView.class).getItems()));
    }

    /** The banner (the label's parent) is shown. */
    private boolean bannerShown() {
        return onFx(() -> robot.lookup("#budgetStop").queryAs(Label.class).getParent().isVisible());
    }

    @Test
    void aBudgetHoldsTheJobAndGoingOnSendsIt() throws Exception {
        app = RunningStudio.launch(home, robot);
        robot.clickOn("#settingsButton");
        await().atMost(WAIT).until(() -> robot.lookup("#settingsTabs").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#settingsTabs").queryAs(TabPane.class).getSelectionModel().select(1));
        @SuppressWarnings("unchecked")
        Spinner<Double> session = robot.lookup("#budgetSessionSpinner").queryAs(Spinner.class);
        robot.interact(() -> session.getValueFactory().setValue(0.001)); // a tenth of a cent: less than one job
        robot.clickOn("#closeSettingsButton");
        await().atMost(WAIT).until(() -> new SettingsStore(home.resolve("config/settings.json"), Clock.systemUTC())
                .load().settings().preferences().budgets().perSession() == 0.001);

        robot.clickOn("#generateButton");
        await().atMost(WAIT).until(this::bannerShown);
        String said = onFx(() -> robot.lookup("#budgetStop").queryAs(Label.class).getText());
        assertThat(said).startsWith("Paused: this session's budget of $0.0010 would be passed.").contains("1 job waits");
        assertThat(rows()).singleElement().extracting(Job::phase).isEqualTo(JobPhase.PENDING);
        assertThat(rows().getFirst().runpodId()).as("not sent").isNull();

        robot.clickOn("#goPastBudgetButton");
        await().atMost(WAIT).until(() -> rows().stream().anyMatch(j -> j.phase() == JobPhase.COMPLETED));
        await().atMost(WAIT).until(() -> !bannerShown());

        robot.clickOn("#generateButton"); // waived until Easel closes
        await().atMost(WAIT).until(() -> rows().stream().filter(j -> j.phase() == JobPhase.COMPLETED).count() == 2);
    }
}
