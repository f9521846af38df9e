package dev.easel.ui.studio;

import dev.easel.api.AccountConfig;
import dev.easel.api.AccountEndpoint;
import dev.easel.api.EndpointDraft;
import dev.easel.api.OkHttpRunpodAccount;
import dev.easel.api.RetryPolicy;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.workflow.WorkerImage;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.easel.ui.studio.RunningStudio.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Owning the endpoint, in the window, on a local stand-in for Runpod: connect by key → list → use the profile → the
 * endpoint panel (keep warm, end it; scale-down said and restored) → deploy a new endpoint → its first job → delete.
 */
class AccountUiTest {

    private static final String KEY = "rpa_ACCOUNTUIKEY1234567890";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path home;
    private final FxRobot robot = new FxRobot();
    private Application app;
    private DemoEndpoint runpod;
    private OkHttpRunpodAccount account;

    @AfterEach
    void close() throws Exception {
        RunningStudio.close(app);
        if (account != null) {
            account.close();
        }
        if (runpod != null) {
            runpod.close();
        }
    }

    private String text(String id) {
        return onFx(() -> robot.lookup(id).tryQuery().map(n -> n instanceof Label l ? l.getText()
                : n instanceof ButtonBase b ? b.getText() : "").orElse(""));
    }

    private void waitForText(String id, String part) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(text(id)).contains(part));
    }

    private void clickWhenEnabled(String id) {
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup(id).tryQuery().map(n -> !n.isDisabled()
                && n.isVisible()).orElse(false)));
        WaitForAsyncUtils.waitForFxEvents(); // laid out where it will be clicked
        robot.clickOn(id);
    }

    /** The button of that text in an open dialog (an Alert), once it is shown. */
    private void answer(String buttonText) {
        await().atMost(WAIT).until(() -> dialogButton(buttonText).isPresent());
        robot.clickOn(dialogButton(buttonText).orElseThrow());
    }

    private Optional<Node> dialogButton(String text) {
        return onFx(() -> robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .flatMap(p -> robot.from(p).lookup(".button").queryAllAs(Button.class).stream())
                .filter(b -> text.equals(b.getText()) && b.isVisible()).map(Node.class::cast).findFirst());
    }

    @SuppressWarnings("unchecked")
    private List<Job> rows() {
        return onFx(() -> List.copyOf(robot.lookup("#queueList").queryAs(ListView.class).getItems()));
    }

    private AccountEndpoint onAccount(String name) {
        return account.endpoints().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void connectByKeyWarmRestoreDeployAFirstJobAndDelete() throws Exception {
        runpod = DemoEndpoint.start(DemoConfig.fast().withExpectedApiKey(KEY));
        account = new OkHttpRunpodAccount(AccountConfig.of(runpod.baseUrl(), KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetry(RetryPolicy.NONE));
        String flux = WorkerImage.VARIANTS.getFirst().image();
        AccountEndpoint mine = account.create(new EndpointDraft("my flux", flux, List.of("ADA_24"), 1, List.of(), 0, 3, 5,
                4, "FLASHBOOT", 600_000, 20, Map.of(), List.of()));
        app = RunningStudio.launch(home, robot);

        // Settings → Connect Runpod account: the key lists the account's endpoints; the chosen one becomes a profile
        robot.clickOn("#settingsButton");
        clickWhenEnabled("#connectAccountButton");
        await().atMost(WAIT).until(() -> robot.lookup("#accountKeyField").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#accountKeyField").queryAs(PasswordField.class).setText(KEY);
            robot.lookup("#connectAdvanced").queryAs(TitledPane.class).setExpanded(true);
            robot.lookup("#accountAddressField").queryAs(TextField.class).setText(runpod.baseUrl().toString());
        });
        robot.clickOn("#listEndpointsButton");
        waitForText("#connectMessage", "2 endpoints on this account");
        clickWhenEnabled("#addChosenButton");
        waitForText("#connectMessage", "1 endpoint was added to Settings");
        robot.clickOn("#closeConnectButton");
        clickWhenEnabled("#useProfileButton");
        waitForText("#endpointButton", "my flux");
        assertThat(Files.readString(home.resolve("config/settings.json"))).contains(mine.id()).doesNotContain(KEY);

        // the endpoint panel: keep warm raises min workers, "End now" gives the old value back
        robot.clickOn("#endpointButton");
        waitForText("#panelDetails", "ADA_24");
        clickWhenEnabled("#keepWarmButton");
        waitForText("#warmState", "1 extra worker warm until");
        assertThat(account.endpoint(mine.id()).workersMin()).isEqualTo(1);
        assertThat(home.resolve("data/keep-warm")).isDirectoryContaining(p -> p.toString().endsWith(".json"));
        clickWhenEnabled("#endWarmButton");
        waitForText("#panelMessage", "min workers is back to 0");
        assertThat(account.endpoint(mine.id()).workersMin()).isZero();

        // Runpod scales the idle endpoint down: the panel and the status bar say so; one click restores it
        runpod.account().scaleDown(mine.id(), 0);
        robot.clickOn("#panelRefreshButton");
        waitForText("#panelNotice", "scaled this endpoint down to 0 workers");
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#endpointNotice").queryAs(Hyperlink.class)
                .isVisible()));
        clickWhenEnabled("#restoreMaxButton");
        waitForText("#panelMessage", "Max workers is 3 again");
        assertThat(account.endpoint(mine.id()).workersMax()).isEqualTo(3);
        await().atMost(WAIT).until(() -> onFx(() -> !robot.lookup("#endpointNotice").queryAs(Hyperlink.class)
                .isVisible()));

        // Deploy new…: the cost is said first; the new endpoint gets a profile and answers its first job
        clickWhenEnabled("#deployButton");
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#deployPoolBox").queryAs(ComboBox.class)
                .getValue() != null));
        assertThat(text("#deployCost")).contains("Min workers 0: nothing is billed while no job runs.");
        robot.interact(() -> robot.lookup("#deployNameField").queryAs(TextField.class).setText("easel smoke"));
        clickWhenEnabled("#createEndpointButton");
        answer("Use it now");
        waitForText("#endpointButton", "easel smoke");
        AccountEndpoint made = onAccount("easel smoke");
        assertThat(made.image()).isEqualTo(flux);
        await().atMost(WAIT).until(() -> rows().stream().anyMatch(j -> j.phase() == JobPhase.COMPLETED
                && "easel smoke".equals(j.endpointName())));
        assertThat(rows()).as("one first job, sent once").hasSize(1);

        // the panel's bill: the demo bills the cold start and the run, Easel estimated the run
        robot.clickOn("#endpointButton");
        waitForText("#billDay", "Runpod billed");
        assertThat(text("#billDay")).startsWith("Last 24 hours: Easel estimated $").contains("1 picture");
        assertThat(text("#billMonth")).startsWith("Last 30 days: Easel estimated $");
        assertThat(onFx(() -> robot.lookup("#billDays").queryAs(VBox.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList())).as("today, by day")
                .singleElement().asString().contains("· billed $").endsWith("· 1 picture");

        // Delete endpoint…: asked, then gone from the account and from Settings; the studio goes to the demo
        clickWhenEnabled("#deleteEndpointButton");
        answer("Delete endpoint");
        waitForText("#endpointButton", "Demo endpoint");
        assertThat(account.endpoints()).extracting(AccountEndpoint::name).doesNotContain("easel smoke")
                .contains("my flux");
        String settings = Files.readString(home.resolve("config/settings.json"));
        assertThat(settings).doesNotContain(made.id()).contains(mine.id());
        assertThat(Files.readString(home.resolve("config/secrets.json"))).containsOnlyOnce(KEY);
    }
}
