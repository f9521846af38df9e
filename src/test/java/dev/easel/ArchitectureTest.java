package dev.easel;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.easel.text.Messages;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** The layer rules of the house style, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.easel");
    }

    @Test
    void corePackagesNeverImportJavaFx() {
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.easel.api..", "dev.easel.demo..",
                        "dev.easel.workflow..", "dev.easel.jobs..", "dev.easel.library..", "dev.easel.settings..",
                        "dev.easel.io..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("every service test runs without a toolkit");
        rule.check(classes);
    }

    @Test
    void viewModelsNeverTouchTheSceneGraph() {
        ArchRule rule = noClasses().that().haveSimpleNameEndingWith("Model")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("view models are plain JUnit tests");
        rule.allowEmptyShould(true).check(classes);
    }

    @Test
    void nothingOutsideUiDependsOnUi() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("dev.easel.ui..", "dev.easel")
                .should().dependOnClassesThat().resideInAPackage("dev.easel.ui..");
        rule.check(classes);
    }

    @Test
    void onlyFxExecutorCallsPlatformRunLater() {
        ArchRule rule = noClasses().that().doNotHaveFullyQualifiedName("dev.easel.ui.fx.FxExecutor")
                .should().callMethod(Platform.class, "runLater", Runnable.class)
                .because("one class hands work to the FX thread");
        rule.check(classes);
    }

    @Test
    void noGlobalMutableState() {
        ArchRule rule = fields().that().areStatic().and().areDeclaredInClassesThat().resideInAPackage("dev.easel..")
                .should().beFinal()
                .because("no static singletons or global state: services are wired in AppContext");
        rule.check(classes);
        noClasses().should().haveSimpleNameEndingWith("EventBus").check(classes);
    }

    @Test
    void thePackagesAreLayers() {
        // what each package may use (docs/architecture.md); the root package is the composition root
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("text").definedBy("dev.easel.text..")
                .layer("io").definedBy("dev.easel.io..")
                .layer("workflow").definedBy("dev.easel.workflow..")
                .layer("api").definedBy("dev.easel.api..")
                .layer("demo").definedBy("dev.easel.demo..")
                .layer("library").definedBy("dev.easel.library..")
                .layer("jobs").definedBy("dev.easel.jobs..")
                .layer("settings").definedBy("dev.easel.settings..")
                .layer("cli").definedBy("dev.easel.cli..")
                .layer("ui").definedBy("dev.easel.ui..")
                .layer("app").definedBy("dev.easel")
                .whereLayer("app").mayOnlyBeAccessedByLayers("cli") // `easel generate` builds its services there too
                .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("app")
                .whereLayer("demo").mayOnlyBeAccessedByLayers("cli", "app")
                .whereLayer("jobs").mayOnlyBeAccessedByLayers("cli", "ui", "app")
                .whereLayer("settings").mayOnlyBeAccessedByLayers("cli", "ui", "app")
                .whereLayer("library").mayOnlyBeAccessedByLayers("jobs", "cli", "ui", "app")
                .whereLayer("api").mayOnlyBeAccessedByLayers("jobs", "library", "cli", "ui", "app")
                .whereLayer("workflow").mayOnlyBeAccessedByLayers("api", "demo", "library", "jobs", "cli", "ui", "app")
                .whereLayer("io").mayOnlyBeAccessedByLayers("workflow", "api", "demo", "library", "jobs", "settings",
                        "cli", "ui", "app")
                .check(classes);
        // the words are the bottom: they know no other package of Easel
        noClasses().that().resideInAPackage("dev.easel.text..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.easel", "dev.easel.api..", "dev.easel.demo..", "dev.easel.workflow..",
                        "dev.easel.jobs..", "dev.easel.library..", "dev.easel.settings..", "dev.easel.io..",
                        "dev.easel.cli..", "dev.easel.ui..")
                .check(classes);
    }

    @Test
    void theCoreGivesSentencesAndTheEdgePutsThemIntoWords() {
        // core packages return Text (a key and its arguments); the window and the command line say it. The journal
        // also keeps a job's error in words, for someone reading the file (and for an older row's fallback).
        noClasses().that().resideInAnyPackage("dev.easel.api..", "dev.easel.workflow..", "dev.easel.jobs..",
                        "dev.easel.library..", "dev.easel.settings..", "dev.easel.io..")
                .and().doNotHaveFullyQualifiedName("dev.easel.jobs.TextColumn")
                .should().callMethodWhere(DescribedPredicate.describe("Messages.get or Messages.of",
                        call -> call.getTargetOwner().isEquivalentTo(Messages.class)
                                && !call.getName().equals("has")))
                .because("the words are chosen at the edge, from the bundle")
                .check(classes);
    }

    @Test
    void onlyViewModelsAndTheMainWindowReachServices() {
        // by package, not by name: a cell, a grid or a pane of a view asks the view model as the view does
        var coreServices = DescribedPredicate.<JavaClass>describe(
                "core services (not records, enums or exceptions)", c -> c.getPackageName().matches(
                        "dev\\.easel\\.(api|demo|jobs|library|settings)(\\..*)?") && !c.isRecord() && !c.isEnum()
                        && !c.isAssignableTo(Throwable.class));
        // a view model, a part of one (GalleryViewerModel), or a type nested in one
        var viewModel = DescribedPredicate.<JavaClass>describe("a view model or a type of one",
                c -> c.getName().replaceAll("\\$.*", "").endsWith("Model"));
        noClasses().that().resideInAPackage("dev.easel.ui.(*)..")
                .and(DescribedPredicate.not(viewModel))
                .and().resideOutsideOfPackage("dev.easel.ui.session..")
                .should().dependOnClassesThat(coreServices)
                .because("views, cells and panes talk to their view model, which talks to services")
                .check(classes);
    }

    @Test
    void noStaticFieldHoldsStateThatChanges() {
        // a static final field of a mutable kind is global state in disguise: a mutable collection or map class, an
        // atomic, a builder, or an array others can reach. The few that are process-wide by nature are named here.
        // (A collection declared by its interface, List.of(...) say, is not caught: ArchUnit sees declared types.)
        var allowed = Set.of(
                "dev.easel.Launch.HANDED",         // the launcher's hand-over to the JavaFX application it can't construct
                "dev.easel.io.AtomicFiles.LOCKS"); // one lock per file for the whole process
        var mutable = DescribedPredicate.<JavaField>describe(
                "of a type whose content changes (a collection or map class, an atomic, a reachable array)", f -> {
                    var t = f.getRawType();
                    boolean mutableClass = !t.isInterface() && (t.isAssignableTo(Collection.class)
                            || t.isAssignableTo(Map.class) || t.isAssignableTo(StringBuilder.class)
                            || t.getPackageName().equals("java.util.concurrent.atomic"));
                    boolean reachableArray = t.isArray()
                            && !f.getModifiers().contains(JavaModifier.PRIVATE);
                    return (mutableClass || reachableArray) && !f.getName().startsWith("$")
                            && !allowed.contains(f.getOwner().getName() + "." + f.getName());
                });
        noFields().that().areStatic().and().areDeclaredInClassesThat().resideInAPackage("dev.easel..")
                .and(mutable).should().beStatic()
                .because("no static singletons or global state: services are wired in AppContext")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void unitTestsOpenNoDatabaseAndStartNoServer() {
        // *Test are pure and fast; a test with SQLite or a server is an *IT (Failsafe)
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.easel");
        noClasses().that().haveSimpleNameEndingWith("Test").and().haveSimpleNameNotEndingWith("UiTest")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.easel.library.Database")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.easel.demo.DemoEndpoint")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("mockwebserver3.MockWebServer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.sun.net.httpserver.HttpServer")
                .because("a unit test must not wait on a disk or a socket")
                .check(tests);
    }
}
