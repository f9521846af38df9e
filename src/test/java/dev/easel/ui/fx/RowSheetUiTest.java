package dev.easel.ui.fx;

import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sheet under the gallery's grid: any number of rows from a fixed pool of nodes that never leaves the scene, each
 * filled only when it shows a new row; scrolled by the wheel, the bar and to a row.
 */
class RowSheetUiTest {

    private final FxRobot robot = new FxRobot();
    private final List<Integer> filled = new ArrayList<>();
    private RowSheet<Label> sheet;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupSceneRoot(() -> {
            sheet = new RowSheet<>(Label::new, (label, index) -> {
                filled.add(index);
                label.setText(index >= 0 ? "row " + index : "");
            });
            sheet.setRowHeight(50);
            sheet.setRowCount(1000);
            sheet.setPrefSize(200, 300);
            return new StackPane(sheet);
        });
        FxToolkit.setupStage(stage -> {
            stage.sizeToScene();
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void scrollingMovesTheSameRowsAndFillsOnlyTheOneNewInView() throws Exception {
        assertThat(fx(() -> sheet.getHeight())).isEqualTo(300);
        List<Label> pool = fx(() -> List.copyOf(sheet.rows()));
        assertThat(pool).as("the rows in view, and one more for the row half in view").hasSize(7);
        assertThat(shown()).containsExactly("row 0", "row 1", "row 2", "row 3", "row 4", "row 5");
        Map<Label, Parent> parents = fx(() -> {
            var map = new IdentityHashMap<Label, Parent>();
            pool.forEach(l -> map.put(l, l.getParent()));
            return map;
        });

        filled.clear();
        robot.interact(() -> sheet.scrollBy(50));
        assertThat(filled).as("one row scrolled out at the top comes back at the bottom").containsExactly(7);
        assertThat(shown()).containsExactly("row 1", "row 2", "row 3", "row 4", "row 5", "row 6");
        robot.interact(() -> sheet.scrollBy(25));
        assertThat(shown()).as("half a row").startsWith("row 1").endsWith("row 7");
        assertThat(fx(() -> List.copyOf(sheet.rows()))).as("the same nodes").containsExactlyElementsOf(pool);
        assertThat(fx(() -> pool.stream().allMatch(l -> l.getParent() == parents.get(l))))
                .as("never taken off the sheet (so never styled again)").isTrue();

        filled.clear();
        robot.interact(() -> sheet.scrollBy(-75));
        assertThat(filled).containsExactly(0);
        assertThat(fx(() -> sheet.offset())).isZero();
    }

    @Test
    void theWheelTheBarAndScrollToRowAllScrollWithinTheEnds() throws Exception {
        robot.interact(() -> Event.fireEvent(sheet, new ScrollEvent(ScrollEvent.SCROLL, 10, 10, 10, 10, false, false,
                false, false, false, false, 0, -40, 0, 0, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        assertThat(fx(() -> sheet.offset())).as("the wheel turned towards the user: down").isEqualTo(40);
        assertThat(fx(() -> sheet.scrollBar().getValue())).isEqualTo(40);
        assertThat(fx(() -> sheet.scrollBar().isVisible())).isTrue();

        robot.interact(() -> sheet.scrollBar().setValue(1000));
        assertThat(fx(() -> sheet.offset())).as("dragging the bar").isEqualTo(1000);
        assertThat(shown()).startsWith("row 20");

        robot.interact(() -> sheet.scrollToRow(500));
        assertThat(fx(() -> sheet.offset())).as("as little as shows row 500 whole: at the bottom")
                .isEqualTo(501 * 50 - 300);
        assertThat(shown()).endsWith("row 500");
        robot.interact(() -> sheet.scrollToRow(499));
        assertThat(fx(() -> sheet.offset())).as("already in view: no scrolling").isEqualTo(501 * 50 - 300);
        robot.interact(() -> sheet.scrollToRow(3));
        assertThat(fx(() -> sheet.offset())).as("at the top").isEqualTo(150);

        robot.interact(() -> sheet.scrollBy(1e9));
        assertThat(fx(() -> sheet.offset())).as("the end").isEqualTo(1000 * 50 - 300);
        assertThat(shown()).endsWith("row 999");
        robot.interact(() -> sheet.scrollBy(-1e9));
        assertThat(fx(() -> sheet.offset())).as("the top").isZero();
    }

    @Test
    void fewRowsLeaveTheRestEmptyAndNoBar() throws Exception {
        robot.interact(() -> sheet.scrollBy(5000));
        robot.interact(() -> sheet.setRowCount(3));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> sheet.offset())).as("back within the rows there are").isZero();
        assertThat(shown()).containsExactly("row 0", "row 1", "row 2");
        assertThat(fx(() -> sheet.scrollBar().isVisible())).isFalse();
        assertThat(fx(() -> sheet.rows().stream().filter(Node::isVisible).count())).isEqualTo(3);
    }

    /** The rows in view, top to bottom. */
    private List<String> shown() throws Exception {
        return fx(() -> sheet.rows().stream()
                .filter(Node::isVisible)
                .filter(l -> l.getLayoutY() + l.getHeight() > 0 && l.getLayoutY() < sheet.getHeight())
                .sorted(Comparator.comparingDouble(Node::getLayoutY))
                .map(Label::getText).toList());
    }

    private static <T> T fx(Callable<T> read) throws ExecutionException, InterruptedException {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
