package dev.easel.ui.json;

import atlantafx.base.theme.PrimerLight;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.WorkflowJson;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(ApplicationExtension.class)
class JsonPanelUiTest {

    private WorkflowSession session;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        session = new WorkflowSession(new TemplateLibrary(Path.of("target/none")).defaultTemplate());
        var vm = new JsonPanelViewModel(session, () -> new JsonPanelViewModel.Target("http://127.0.0.1:8000/v2", "demo"));
        var scene = new Scene(new JsonPanelView(vm), 700, 900);
        scene.getStylesheets().add(getClass().getResource("/dev/easel/easel.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private CodeArea editor(FxRobot robot) {
        return robot.lookup("#jsonEditor").queryAs(CodeArea.class);
    }

    @Test
    void aParameterSetElsewhereShowsUpInTheJson(FxRobot robot) {
        assertThat(editor(robot).getText()).contains("\"steps\": 10").contains("\"input\": {");
        robot.interact(() -> session.set(Parameter.STEPS, WorkflowJson.MAPPER.getNodeFactory().numberNode(42)));
        assertThat(editor(robot).getText()).contains("\"steps\": 42").doesNotContain("\"steps\": 10");
    }

    @Test
    void typingValidJsonUpdatesTheParameters(FxRobot robot) {
        CodeArea area = editor(robot);
        int at = area.getText().indexOf("\"cfg\": 1") + "\"cfg\": ".length();
        robot.interact(() -> {
            area.requestFocus();
            area.selectRange(at, at + 1);
        });
        robot.write("2.5");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                session.value(Parameter.CFG).map(v -> v.asDouble() == 2.5).orElse(false));
        assertThat(robot.lookup("#jsonStatus").queryAs(Label.class).getText()).isEqualTo("Valid: 10 nodes.");
    }

    @Test
    void invalidJsonIsMarkedAndNeverReachesTheParameters(FxRobot robot) {
        CodeArea area = editor(robot);
        int at = area.getText().indexOf("\"steps\": 10") + "\"steps\": 10".length();
        // one edit (a paste), so one undo takes it back: typed keys merge into one undo only within RichTextFX's
        // time window, which a loaded machine can miss
        robot.interact(() -> {
            area.requestFocus();
            area.moveTo(at);
            area.insertText(at, ",,");
        });
        ListView<?> problems = robot.lookup("#jsonProblems").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> !problems.getItems().isEmpty());
        assertThat(problems.isVisible()).isTrue();
        assertThat(problems.getItems().getFirst().toString()).contains("Not valid JSON");
        assertThat(robot.lookup("#jsonStatus").queryAs(Label.class).getText()).startsWith("Not valid JSON");
        assertThat(session.value(Parameter.STEPS).orElseThrow().asInt()).isEqualTo(10);
        assertThat(robot.lookup("#copyCurlButton").queryButton().isDisabled()).isTrue();

        // undo brings the valid text back, and the panel recovers
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(problems.getItems()::isEmpty);
        // the button follows the validity on its own FX pulse: waited for, not assumed
        await().atMost(Duration.ofSeconds(5)).until(() -> !robot.lookup("#copyCurlButton").queryButton().isDisabled());
    }

    @Test
    void formatAndCopyAsCurl(FxRobot robot) {
        CodeArea area = editor(robot);
        robot.interact(() -> area.replaceText(area.getText().replaceAll("\\s*\\n\\s*", "")));
        robot.clickOn("#formatJsonButton");
        await().atMost(Duration.ofSeconds(5)).until(() -> area.getParagraphs().size() > 100);

        robot.clickOn("#copyCurlButton");
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
        assertThat(clip[0]).startsWith("curl -X POST http://127.0.0.1:8000/v2/demo/run")
                .contains("Bearer $RUNPOD_API_KEY");
    }
}
