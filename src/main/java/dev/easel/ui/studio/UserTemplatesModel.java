package dev.easel.ui.studio;

import dev.easel.io.Futures;
import dev.easel.text.Messages;
import dev.easel.ui.Dialogs;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.Template;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.WorkflowException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The user's own templates: Save as template (from the graph being edited, with its values, a name, and the
 * parameters the panel shows), Rename and Delete. The template files are written and listed on the I/O executor;
 * the list and the studio's choice follow on the FX thread, and the graph being edited is never reloaded.
 */
public final class UserTemplatesModel {

    /** The parameters the panel can show or hide, in its order (width stands for the size row). */
    public static final List<Parameter> PANEL = List.of(Parameter.WIDTH, Parameter.STEPS, Parameter.CFG,
            Parameter.GUIDANCE, Parameter.DENOISE, Parameter.SEED, Parameter.SAMPLER, Parameter.SCHEDULER);

    private final TemplateLibrary library;
    private final WorkflowSession session;
    private final StudioViewModel studio;
    private final Dialogs dialogs;
    private final Executor io;
    private final Executor fx;
    private final BooleanBinding canChange;

    public UserTemplatesModel(TemplateLibrary library, WorkflowSession session, StudioViewModel studio,
                              Dialogs dialogs, Executor io, Executor fx) {
        this.library = library;
        this.session = session;
        this.studio = studio;
        this.dialogs = dialogs;
        this.io = io;
        this.fx = fx;
        canChange = Bindings.createBooleanBinding(() -> current().isPresent(), studio.templateProperty(),
                session.fromTemplateProperty());
    }

    /** Whether the graph is one of the user's templates (edited or not): Rename and Delete act on it. */
    public BooleanBinding canChangeProperty() {
        return canChange;
    }

    private Optional<Template> current() {
        Template t = studio.templateProperty().get();
        return t != null && t.user() && session.fromTemplate() ? Optional.of(t) : Optional.empty();
    }

    /** The panel's parameters the graph has: those a template of it can show or hide. */
    public List<Parameter> offered() {
        var b = session.bindingsProperty().get();
        return PANEL.stream().filter(b::has).toList();
    }

    /** What the save dialog starts with: the user's template's own name and choice, or "<template> (mine)". */
    public Dialogs.TemplateForm suggestion() {
        Optional<Template> mine = current();
        Template t = studio.templateProperty().get();
        String name = mine.map(Template::name).orElse(t == null || !session.fromTemplate()
                ? Messages.get("template.mine", Messages.get("template.menu"))
                : Messages.get("template.mine", t.name()));
        var shown = mine.map(Template::shown).orElse(Set.of());
        return new Dialogs.TemplateForm(name, t == null ? "" : t.description(),
                shown.stream().filter(offered()::contains).collect(Collectors.toSet()));
    }

    /** Why a name can't be used, in words, or null: a name is needed; a bundled template's is taken. */
    public String problem(String name) {
        return Messages.get(library.nameProblem(name));
    }

    /** The user template a save under this name would replace, other than the one being edited; from the list. */
    private Optional<Template> replaced(String name, Template except) {
        String id = TemplateLibrary.userId(name);
        return studio.templates().stream().filter(t -> t.id().equals(id) && t != except).findFirst();
    }

    /** Save as template: asks the name and what shows, asks before replacing another, saves, and chooses it. */
    public void saveAsTemplate() {
        session.flushEdits();
        Optional<Dialogs.TemplateForm> form = dialogs.saveTemplate(suggestion(), offered(), this::problem);
        if (form.isEmpty() || !replaceOk(form.get().name(), current().orElse(null))) {
            return;
        }
        var f = form.get();
        var graph = session.getWorkflow();
        var ui = session.uiGraph();
        report(write(() -> library.save(f.name(), f.description(), graph, ui, f.shown())),
                t -> Messages.get("template.saved", t.name()));
    }

    /** Rename: asks the new name (and before replacing another) and saves the template under it. */
    public void rename() {
        Template t = current().orElse(null);
        if (t == null) {
            return;
        }
        Optional<String> name = dialogs.askName(Messages.get("template.rename.title"),
                Messages.get("template.rename.header", t.name()), t.name(), this::problem);
        if (name.isEmpty() || name.get().equals(t.name()) || !replaceOk(name.get(), t)) {
            return;
        }
        report(write(() -> library.rename(t, name.get())), r -> Messages.get("template.renamed", r.name()));
    }

    /** Delete: asks first; the graph being edited stays as it is, no template's any more. */
    public void delete() {
        Template t = current().orElse(null);
        if (t == null || !dialogs.confirm(Messages.get("template.delete.title"),
                Messages.get("template.delete.header", t.name()), Messages.get("template.delete.text"),
                Messages.get("template.delete.yes"), Messages.get("window.confirmMany.no"))) {
            return;
        }
        Futures.detach(write(() -> {
            library.delete(t.id());
            return null;
        }).whenCompleteAsync((w, error) -> {
            if (error != null) {
                studio.notice(Messages.of(Futures.unwrap(error)));
                return;
            }
            session.detach();
            studio.templateProperty().set(null);
            studio.templates().setAll(w.all());
            studio.notice(Messages.get("template.deleted", t.name()));
        }, fx), "deleting a template");
    }

    private boolean replaceOk(String name, Template except) {
        Optional<Template> other = replaced(name, except);
        return other.isEmpty() || dialogs.confirm(Messages.get("template.replace.title"),
                Messages.get("template.replace.header", other.get().name()), Messages.get("template.replace.text"),
                Messages.get("template.replace.yes"), Messages.get("window.confirmMany.no"));
    }

    /** A change to the template files; the template it wrote, or null (a delete). */
    private interface Write {
        Template run() throws WorkflowException;
    }

    /** What a change wrote, and the templates listed again after it. */
    private record Written(Template template, List<Template> all) { }

    private CompletableFuture<Written> write(Write w) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Template t = w.run();
                return new Written(t, library.all());
            } catch (WorkflowException e) {
                throw new CompletionException(e);
            }
        }, io);
    }

    /** Lists the templates again and makes the written one the graph's, without reloading the graph. */
    private void report(CompletableFuture<Written> written, Function<Template, String> done) {
        Function<Written, Template> chosen = w -> w.all().stream().filter(t -> t.id().equals(w.template().id()))
                .findFirst().orElse(w.template());
        Futures.detach(written.whenCompleteAsync((w, error) -> {
            if (error != null) {
                studio.notice(Messages.of(Futures.unwrap(error)));
                return;
            }
            Template t = chosen.apply(w);
            session.adopt(t); // first: the studio's choice then finds it the session's, and loads nothing
            studio.templates().setAll(w.all());
            studio.templateProperty().set(t);
            studio.notice(done.apply(t));
        }, fx), "saving a template");
    }
}
