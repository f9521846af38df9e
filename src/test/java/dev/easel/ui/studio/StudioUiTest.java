package dev.easel.ui.studio;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.easel.AboutEasel;
import dev.easel.App;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.settings.SettingsStore;
import dev.easel.settings.ThemeChoice;
import dev.easel.text.Messages;
import dev.easel.ui.params.ParamsViewModel;
import dev.easel.ui.prompt.PromptArea;
import dev.easel.ui.queue.JobCell;
import dev.easel.workflow.PngText;
import dev.easel.workflow.Template;
import dev.easel.workflow.WorkflowJson;
import javafx.application.Application;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.awaitility.core.ConditionTimeoutException;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole app as a new user meets it, on the embedded demo endpoint (or a local stand-in for Runpod). */
class StudioUiTest {

    @TempDir
    Path home;
    private final FxRobot robot = new FxRobot();
    private Application app;
    private DemoEndpoint other;

    private void launch() throws Exception {
        app = RunningStudio.launch(home, robot);
    }

    @AfterEach
    void close() throws Exception {
        RunningStudio.close(app);
        if (other != null) {
            other.close();
        }
    }

    /** The gallery tiles showing a picture. */
    private List<Node> tiles() {
        return robot.lookup(".tile").match(Node::isVisible).queryAll().stream().toList();
    }

    @SuppressWarnings("unchecked")
    private ListView<Job> queue() {
        return robot.lookup("#queueList").queryAs(ListView.class);
    }

    @Test
    void theWindowCarriesEaselsNameAndIconInEverySize() throws Exception {
        launch();
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        assertThat(stage.getTitle()).isEqualTo("Easel");
        // the icons are decoded off the FX thread and arrive just after the window opens
        await().atMost(Duration.ofSeconds(10)).until(() -> stage.getIcons().size() == 6);
        assertThat(stage.getIcons()).extracting(Image::getWidth)
                .containsExactly(16.0, 32.0, 48.0, 64.0, 128.0, 256.0);
        assertThat(stage.getIcons()).noneMatch(Image::isError);
    }

    @Test
    void typeAPromptGenerateAndFindThePictureInTheGalleryAndOnDisk() throws Exception {
        // real time, so the job runs long enough (about 4 s) for the queue view to show it running
        System.setProperty("easel.demo.timeScale", "1.0");
        launch();
        assertThat(robot.lookup("#demoBadge").queryAs(Label.class).getText())
                .isEqualTo("Demo: images are procedural, not a model");
        assertThat(robot.lookup("#galleryEmpty").queryAs(Label.class).isVisible()).isTrue();

        PromptArea prompt = robot.lookup("#promptArea").queryAs(PromptArea.class);
        robot.interact(prompt::clear);
        robot.clickOn("#promptArea").write("a red kite over the dunes");
        @SuppressWarnings("unchecked")
        Spinner<Integer> steps = robot.lookup("#stepsSpinner").queryAs(Spinner.class);
        robot.interact(() -> steps.getValueFactory().setValue(30));
        robot.interact(() -> robot.lookup("#seedModeBox").queryComboBox().getSelectionModel()
                .select(ParamsViewModel.SeedMode.FIXED));
        TextField seed = robot.lookup("#seedField").queryAs(TextField.class);
        robot.interact(() -> seed.setText("4242"));
        robot.interact(() -> seed.commitValue());

        List<JobPhase> seen = new CopyOnWriteArrayList<>();
        robot.interact(() -> queue().getItems().addListener((ListChangeListener<Job>) c -> {
            if (!c.getList().isEmpty() && (seen.isEmpty() || seen.getLast() != c.getList().getFirst().phase())) {
                seen.add(c.getList().getFirst().phase());
            }
        }));
        List<String> titles = new CopyOnWriteArrayList<>();
        List<Boolean> placeholders = new CopyOnWriteArrayList<>();
        Stage window = FxToolkit.toolkitContext().getRegisteredStage();
        robot.interact(() -> {
            window.titleProperty().addListener((o, was, now) -> titles.add(now));
            robot.lookup("#pendingStrip").query().visibleProperty().addListener((o, was, now) -> placeholders.add(now));
        });
        robot.clickOn("#generateButton");
        try {
            // waits on what the FX thread's listener recorded: the list read from here may be seen mid-change
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains(JobPhase.COMPLETED));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("queue: " + seen + " problem: "
                    + robot.lookup("#generateProblem").queryAs(Label.class).getText(), e);
        }
        Job done = rowsOnFx().getFirst();
        assertThat(seen).as("what the queue view showed").containsSubsequence(JobPhase.IN_QUEUE, JobPhase.IN_PROGRESS,
                JobPhase.COMPLETED);
        assertThat(done.prompt()).isEqualTo("a red kite over the dunes");
        assertThat(done.seed()).isEqualTo(4242L);
        assertThat(titles).as("the window's title while it ran").anyMatch(t -> t.startsWith("Easel · 1 running"));
        await().atMost(Duration.ofSeconds(5)).until(() -> window.getTitle().equals("Easel"));
        assertThat(placeholders).as("a placeholder above the gallery while it ran, gone after").containsSubsequence(true,
                false);
        assertThat(done.files()).isNotEmpty().allMatch(Files::exists);
        assertThat(done.files().getFirst()).startsWith(home.resolve("pictures"));

        Map<String, String> text = PngText.read(Files.readAllBytes(done.files().getFirst()));
        var sent = WorkflowJson.parse(text.get("prompt"));
        assertThat(sent.at("/6/inputs/text").asText()).isEqualTo("a red kite over the dunes");
        assertThat(sent.at("/31/inputs/steps").asInt()).isEqualTo(30);
        assertThat(sent.at("/31/inputs/seed").asLong()).isEqualTo(4242L);

        await().atMost(Duration.ofSeconds(10)).until(() -> tiles().size() == done.files().size());
        assertThat(robot.lookup("#galleryEmpty").queryAs(Label.class).isVisible()).isFalse();
        robot.doubleClickOn(tiles().getFirst());
        await().atMost(Duration.ofSeconds(5)).until(() ->
                robot.lookup("#selectedInfo").queryAs(Label.class).getText().contains("seed 4242"));
        var big = robot.lookup("#selectedImage").queryAs(ImageView.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> big.getImage() != null && big.getImage().getProgress() >= 1);
        var detail = robot.lookup("#artworkDetail").queryAs(Region.class);
        robot.interact(() -> robot.lookup("#zoomActualButton").queryButton().fire());
        assertThat(big.getFitWidth()).as("100 %: actual pixels").isEqualTo(big.getImage().getWidth());
        robot.interact(() -> robot.lookup("#zoomFitButton").queryButton().fire());
        assertThat(big.getFitWidth()).as("fit: the viewer's width").isLessThanOrEqualTo(detail.getWidth())
                .isNotEqualTo(big.getImage().getWidth());
        // "Retry with new seed": the same settings, another seed, a new job
        robot.clickOn("#retryNewSeedButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> rowsOnFx().size() == 2);
        Job again = rowsOnFx().getFirst();
        assertThat(again.seed()).isNotNull().isNotEqualTo(4242L);
        assertThat(again.prompt()).isEqualTo("a red kite over the dunes");
        robot.type(KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(5)).until(() -> !detail.isVisible());
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOnFx().getFirst().phase() == JobPhase.COMPLETED);
        await().atMost(Duration.ofSeconds(10)).until(() -> tiles().size() == 2 * done.files().size());

        // Ctrl+F searches the prompts
        robot.press(KeyCode.CONTROL).type(KeyCode.F)
                .release(KeyCode.CONTROL);
        robot.write("zebra");
        await().atMost(Duration.ofSeconds(5)).until(() -> tiles().isEmpty());
        assertThat(robot.lookup("#galleryNothing").queryAs(Label.class).isVisible()).isTrue();
        robot.interact(() -> robot.lookup("#gallerySearch").queryAs(TextField.class).setText("kite dun"));
        await().atMost(Duration.ofSeconds(5)).until(() -> tiles().size() == 2 * done.files().size());
    }

    @Test
    void aPictureFromTheGalleryBecomesTheInputImageOfTheNextJob() throws Exception {
        launch();
        robot.clickOn("#generateButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> !rowsOnFx().isEmpty()
                && rowsOnFx().getFirst().phase() == JobPhase.COMPLETED);
        Path made = rowsOnFx().getFirst().files().getFirst();
        await().atMost(Duration.ofSeconds(10)).until(() -> !tiles().isEmpty());
        robot.doubleClickOn(tiles().getFirst());
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#useAsInputButton").tryQuery()
                .map(Node::isVisible).orElse(false));
        robot.clickOn("#useAsInputButton");
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        ComboBox<Template> templates = robot.lookup("#templateBox").queryAs(ComboBox.class);
        assertThat(templates.getValue().id()).as("a graph without Load Image: the img2img template")
                .isEqualTo("flux1-dev-fp8-img2img");
        assertThat(robot.lookup("#inputImageLabel").queryAs(Label.class).getText())
                .isEqualTo(made.getFileName().toString());
        var thumb = robot.lookup("#inputImageThumbnail").queryAs(ImageView.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> thumb.getImage() != null
                && thumb.getImage().getProgress() >= 1);
        assertThat(thumb.getImage().isError()).isFalse();
        assertThat(Math.max(thumb.getImage().getWidth(), thumb.getImage().getHeight())).as("decoded small")
                .isLessThanOrEqualTo(112);

        robot.clickOn("#generateButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOnFx().size() == 2
                && rowsOnFx().getFirst().phase() == JobPhase.COMPLETED);
        Map<String, String> text = PngText.read(Files.readAllBytes(rowsOnFx().getFirst().files().getFirst()));
        var sent = WorkflowJson.parse(text.get("prompt"));
        boolean loadsTheUpload = false;
        for (var node : sent) {
            if ("LoadImage".equals(node.path("class_type").asText())) {
                loadsTheUpload = !node.at("/inputs/image").asText().isEmpty();
            }
        }
        assertThat(loadsTheUpload).as("the job named the uploaded image in its Load Image node").isTrue();
    }

    @Test
    void ctrlEnterGeneratesAndARunningJobCanBeCancelledThenRetried() throws Exception {
        System.setProperty("easel.demo.timeScale", "1.0");
        launch();
        @SuppressWarnings("unchecked")
        Spinner<Integer> steps = robot.lookup("#stepsSpinner").queryAs(Spinner.class);
        robot.interact(() -> steps.getValueFactory().setValue(3000)); // a long job on the "real-time" demo
        robot.clickOn("#promptArea");
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER)
                .release(KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOnFx().stream()
                .anyMatch(j -> j.phase() == JobPhase.IN_PROGRESS || j.phase() == JobPhase.IN_QUEUE));
        // the row's cell is laid out a pulse after the item arrives: wait for its cancel button, on a busy machine too
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#cancelJobButton").match(Node::isVisible)
                .tryQuery().isPresent());
        var cancel = robot.lookup("#cancelJobButton").match(Node::isVisible).queryButton();
        robot.interact(cancel::fire);
        await().atMost(Duration.ofSeconds(15)).until(() -> rowsOnFx().getFirst().phase() == JobPhase.CANCELLED);
        var retry = robot.lookup("#retryJobButton").match(Node::isVisible).queryButton();
        // a row's buttons ignore clicks for a moment after its state changed: wait that moment out
        await().pollDelay(JobCell.CLICK_GUARD.plusMillis(100)).until(() -> true);
        robot.interact(retry::fire);
        await().atMost(Duration.ofSeconds(15)).until(() -> rowsOnFx().size() == 2);
        assertThat(rowsOnFx().getFirst().phase()).isNotEqualTo(JobPhase.CANCELLED);
    }

    @Test
    void ctrlEnterFromEveryFocusableControlSendsExactlyOneJob() throws Exception {
        launch();
        List<Node> controls = new ArrayList<>();
        collectFocusable(robot.lookup("#generateButton").query().getScene().getRoot(), controls);
        assertThat(controls).as("the studio's controls").hasSizeGreaterThan(8);
        int sent = 0;
        for (Node c : controls) {
            robot.interact(c::requestFocus);
            robot.press(KeyCode.CONTROL).type(KeyCode.ENTER)
                    .release(KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            int expected = ++sent;
            // the rows are read on the FX thread: they are replaced there as jobs change (setAll), never half-read
            await().atMost(Duration.ofSeconds(10)).until(() -> rowsOnFx().size() >= expected);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(rowsOnFx()).as("jobs after Ctrl+Enter in " + c).hasSize(expected);
        }
    }

    private List<Job> rowsOnFx() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(queue().getItems())).get();
    }

    private static void collectFocusable(Node n, List<Node> out) {
        if (!n.isVisible() || n.isDisabled()) {
            return;
        }
        if (n.isFocusTraversable()) {
            out.add(n); // a Spinner hands the focus to its editor, where the double press came from
        }
        if (n instanceof Parent p && !(n instanceof ListView<?>)) {
            p.getChildrenUnmodifiable().forEach(c -> collectFocusable(c, out));
        }
    }

    @Test
    void aDoubleClickOnCancelNeverQueuesAJob() throws Exception {
        System.setProperty("easel.demo.timeScale", "1.0");
        launch();
        @SuppressWarnings("unchecked")
        Spinner<Integer> steps = robot.lookup("#stepsSpinner").queryAs(Spinner.class);
        robot.interact(() -> steps.getValueFactory().setValue(3000));
        robot.clickOn("#generateButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOnFx().stream()
                .anyMatch(j -> j.phase() == JobPhase.IN_PROGRESS || j.phase() == JobPhase.IN_QUEUE));
        var cancel = robot.lookup("#cancelJobButton").match(n -> n.isVisible() && n.getScene() != null)
                .queryButton();
        var where = robot.point(cancel).query();
        robot.doubleClickOn(where, MouseButton.PRIMARY);
        await().atMost(Duration.ofSeconds(15)).until(() -> rowsOnFx().getFirst().phase() == JobPhase.CANCELLED);
        robot.clickOn(where, MouseButton.PRIMARY); // a third click, late, on the same place
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rowsOnFx()).as("no job was queued by clicks meant for cancel").hasSize(1);
    }

    @Test
    void aWrongApiKeyShowsTheSentenceInTheQueue() throws Exception {
        other = DemoEndpoint.start(DemoConfig.fast().withExpectedApiKey("the-right-key"));
        writeProfile(other, "a-wrong-key");
        launch();
        assertThat(robot.lookup("#demoBadge").queryAs(Label.class).getText()).isEqualTo("My endpoint");
        robot.clickOn("#generateButton");
        await().atMost(Duration.ofSeconds(20)).until(() -> rowsOnFx().stream()
                .anyMatch(j -> j.phase() == JobPhase.FAILED));
        assertThat(Messages.get(rowsOnFx().getFirst().error()))
                .isEqualTo("The API key was refused (401). Open Settings → Endpoint to check it.");
        assertThat(robot.lookup(".job-error").queryAll()).anyMatch(n -> ((Label) n).getText() != null
                && ((Label) n).getText().contains("refused (401)"));
    }

    @Test
    void connectARunpodEndpointFromSettingsAndTheStudioSwitchesToIt() throws Exception {
        other = DemoEndpoint.start(DemoConfig.fast().withExpectedApiKey("rpa_GOODKEY123456789"));
        launch();
        robot.clickOn("#connectRunpodLink");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#addProfileButton").tryQuery().isPresent());
        robot.clickOn("#addProfileButton");
        robot.interact(() -> {
            robot.lookup("#profileName").queryAs(TextField.class).setText("Test server");
            robot.lookup("#endpointIdField").queryAs(TextField.class).setText("abc123");
            robot.lookup("#baseUrlField").queryAs(TextField.class).setText(other.baseUrl().toString());
        });
        robot.clickOn("#apiKeyField").write("rpa_GOODKEY123456789");
        robot.clickOn("#testConnectionButton");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                robot.lookup("#testResult").queryAs(Label.class).getText().startsWith("Connected."));
        robot.clickOn("#useProfileButton");
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#demoBadge").tryQuery()
                .map(n -> ((Label) n).getText().equals("Test server")).orElse(false));
        assertThat(Files.readString(home.resolve("config/settings.json"))).contains("Test server")
                .doesNotContain("GOODKEY");
        robot.clickOn("#generateButton");
        await().atMost(Duration.ofSeconds(20)).until(() -> rowsOnFx().stream()
                .anyMatch(j -> j.phase() == JobPhase.COMPLETED && "Test server".equals(j.endpointName())));
    }

    @Test
    void theThemeSwitchesLiveFromTheViewMenuAndSettingsAndIsRememberedForTheNextStart() throws Exception {
        String dark = new PrimerDark().getUserAgentStylesheet();
        String light = new PrimerLight().getUserAgentStylesheet();
        launch();
        assertThat(Application.getUserAgentStylesheet()).as("the headless platform prefers light").isEqualTo(light);

        robot.clickOn("#viewMenu").clickOn("Theme").clickOn("Dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(dark);
        Path settings = home.resolve("config/settings.json");
        await().atMost(Duration.ofSeconds(10)).until(() -> savedTheme(settings).equals("dark"));

        robot.clickOn("#settingsButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#settingsTabs").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#settingsTabs").queryAs(TabPane.class).getSelectionModel().select(1));
        @SuppressWarnings("unchecked")
        ComboBox<ThemeChoice> box = robot.lookup("#themeBox").queryAs(ComboBox.class);
        assertThat(box.getValue()).isEqualTo(ThemeChoice.DARK);
        robot.interact(() -> box.setValue(ThemeChoice.LIGHT)); // no Save: a theme applies as it is chosen
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(light);
        robot.interact(() -> box.setValue(ThemeChoice.DARK));
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(dark);
        robot.clickOn("#closeSettingsButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> savedTheme(settings).equals("dark"));

        FxToolkit.cleanupApplication(app);
        app = null;
        FxToolkit.cleanupStages();
        Application.setUserAgentStylesheet(light);
        launch();
        assertThat(Application.getUserAgentStylesheet()).as("read from the settings at start").isEqualTo(dark);
        robot.clickOn("#viewMenu").clickOn("Theme").clickOn("Follow the system");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(light);
    }

    @Test
    void aRestartResumesTheUnfinishedJob() throws Exception {
        // a server that outlives the app, as Runpod does (the embedded demo endpoint stops with Easel)
        other = DemoEndpoint.start(DemoConfig.fast().withTimeScale(1.0).withExpectedApiKey("k"));
        writeProfile(other, "k");
        launch();
        @SuppressWarnings("unchecked")
        Spinner<Integer> steps = robot.lookup("#stepsSpinner").queryAs(Spinner.class);
        robot.interact(() -> steps.getValueFactory().setValue(40)); // about 5 s at 512²
        robot.clickOn("#generateButton");
        await().atMost(Duration.ofSeconds(20)).until(() -> !rowsOnFx().isEmpty()
                && rowsOnFx().getFirst().runpodId() != null);
        long id = rowsOnFx().getFirst().id();
        FxToolkit.cleanupApplication(app); // Easel quits while the job runs
        app = null;
        FxToolkit.cleanupStages();

        launch();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> rowsOnFx().stream()
                    .anyMatch(j -> j.id() == id && j.phase() == JobPhase.COMPLETED));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("after the restart the queue shows " + rowsOnFx(), e);
        }
        Job done = rowsOnFx().stream().filter(j -> j.id() == id).findFirst().orElseThrow();
        assertThat(done.files()).isNotEmpty().allMatch(Files::exists);
    }

    private static String savedTheme(Path settings) {
        return new SettingsStore(settings, Clock.systemUTC()).load().settings().theme();
    }

    private void writeProfile(DemoEndpoint server, String key) throws Exception {
        Path config = home.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("settings.json"), """
                {"schemaVersion":1,"activeProfileId":"p1","theme":"system","recentPrompts":[],
                 "profiles":[{"id":"p1","name":"My endpoint","endpointId":"abc123","baseUrl":"%s",
                 "pricePerSecond":0.0003,"models":[],"defaultTemplate":"flux1-dev-fp8","demo":false}]}"""
                .formatted(server.baseUrl()));
        Files.writeString(config.resolve("secrets.json"), "{\"p1\":\"" + key + "\"}");
    }

    @Test
    void theJsonPanelOpensBesideTheGallery() throws Exception {
        launch();
        robot.clickOn("#showJsonButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#jsonEditor").tryQuery().isPresent());
        var editor = robot.lookup("#jsonEditor").queryAs(CodeArea.class);
        assertThat(editor.getText()).contains("\"class_type\": \"KSampler\"");
        List<String> ids = List.of("#showQueueButton", "#templateBox", "#endpointButton");
        ids.forEach(id -> assertThat(robot.lookup(id).tryQuery()).as(id).isPresent());
        assertThat(robot.listTargetWindows().stream().filter(w -> w instanceof Stage s && "Easel".equals(s.getTitle())))
                .isNotEmpty();
    }

    @Test
    void helpAboutShowsVersionsAndFoldersAndAnUnexpectedErrorIsReportedWithoutSecrets() throws Exception {
        launch();
        robot.clickOn("#helpMenu").clickOn("About Easel");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        var about = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(about.getHeaderText()).startsWith("Easel " + AboutEasel.version());
        assertThat(about.getContentText()).contains("JavaFX").contains("Pictures: " + home.resolve("pictures"))
                .contains("Logs: " + home.resolve("logs")).contains("embedded demo");
        robot.interact(() -> ((Stage) about.getScene().getWindow()).close());

        // an error nothing catches, with a key in its message: what the default handler (set in init) is given
        var app = (App) this.app;
        var boom = new IllegalStateException("kaboom: Authorization: Bearer rpa_SECRETSECRETSECRET");
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isNotNull();
        app.uncaught(Thread.currentThread(), boom);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".dialog-pane").tryQuery()
                .map(n -> "Something went wrong".equals(((DialogPane) n).getHeaderText()))
                .orElse(false));
        Path report;
        try (var files = Files.list(home.resolve("logs"))) {
            report = files.filter(f -> f.getFileName().toString().startsWith("error-")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(report)).contains("kaboom").contains("IllegalStateException")
                .doesNotContain("SECRETSECRET");
        var dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).contains(report.toString());
        robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
    }
}
