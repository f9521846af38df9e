package dev.easel.ui.endpoint;

import dev.easel.io.Futures;
import dev.easel.text.Messages;
import dev.easel.ui.Dialogs;
import dev.easel.ui.fx.Owners;
import javafx.stage.Stage;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The windows about the studio's endpoint: the panel (one, shown again when asked again), the deploy wizard, and
 * "Delete endpoint", which asks first, says what is lost, and takes the studio to the demo after.
 */
public final class EndpointWindows {

    private final EndpointPanelModel panel;
    private final BillModel bill;
    private final EndpointLifeModel life;
    private final Dialogs dialogs;
    private final Executor fx;
    private final Runnable restartStudio;
    private final Consumer<String> firstJobOn;
    private Stage stage;

    /**
     * @param restartStudio starts the studio again on the active profile of the saved settings
     * @param firstJobOn    the same, with the template of this id, sending one job (a new endpoint's first)
     */
    public EndpointWindows(EndpointPanelModel panel, BillModel bill, EndpointLifeModel life, Dialogs dialogs,
                           Executor fx, Runnable restartStudio, Consumer<String> firstJobOn) {
        this.panel = panel;
        this.bill = bill;
        this.life = life;
        this.dialogs = dialogs;
        this.fx = fx;
        this.restartStudio = restartStudio;
        this.firstJobOn = firstJobOn;
    }

    /** Opens the endpoint panel over the main window, or brings it to the front. */
    public void openPanel() {
        if (stage == null) {
            stage = EndpointPanelView.open(Owners.current(), panel, bill, life.profile().name(),
                    new EndpointPanelView.Actions(this::openDeploy, this::delete));
        }
        stage.show();
        stage.toFront();
    }

    /** The deploy wizard, over the panel. */
    void openDeploy() {
        DeployView.open(stage, life.deploy(), made -> {
            boolean use = dialogs.confirm(Messages.get("deploy.use.title"), Messages.get("deploy.use.header", made.name()),
                    Messages.get("deploy.use.text"), Messages.get("deploy.use.yes"), Messages.get("deploy.use.no"));
            if (use) {
                Futures.detach(life.use(made.id()).thenRunAsync(() -> {
                    stage.close();
                    firstJobOn.accept(made.defaultTemplate());
                }, fx), "switching to the new endpoint");
            }
        });
    }

    /** Asks, then deletes the endpoint on the account, removes its profile and key, and goes to the demo. */
    void delete() {
        var e = panel.endpointProperty().get();
        if (e == null) {
            return;
        }
        if (life.profile().demo()) {
            dialogs.info(Messages.get("delete.title"), Messages.get("delete.demo.header"),
                    Messages.get("delete.demo.text"), false, null);
            return;
        }
        boolean sure = dialogs.confirm(Messages.get("delete.title"), Messages.get("delete.header", e.name(), e.id()),
                Messages.get("delete.text"), Messages.get("delete.yes"), Messages.get("delete.no"));
        if (!sure) {
            return;
        }
        Futures.detach(life.delete().handleAsync((ok, ex) -> {
            if (ex != null) {
                dialogs.info(Messages.get("delete.title"), Messages.get("delete.failed"), Messages.of(Futures.unwrap(ex)),
                        false, null);
            } else {
                if (stage != null) {
                    stage.close();
                }
                restartStudio.run();
            }
            return null;
        }, fx), "deleting the endpoint");
    }
}
