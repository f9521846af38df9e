package dev.easel;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
        ArchRule rule = noClasses().that().haveSimpleNameEndingWith("ViewModel")
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
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .because("one class hands work to the FX thread");
        rule.check(classes);
    }

    @Test
    void viewsDoNotReachServicesDirectly() {
        // a view may show domain records (a Job, an Artwork), but asks its view model for everything else
        var coreServices = com.tngtech.archunit.base.DescribedPredicate.<com.tngtech.archunit.core.domain.JavaClass>describe(
                "core services (not records or enums)", c -> c.getPackageName().matches(
                        "dev\\.easel\\.(api|demo|jobs|library|settings)(\\..*)?") && !c.isRecord() && !c.isEnum());
        ArchRule rule = noClasses().that().haveSimpleNameEndingWith("View")
                .should().dependOnClassesThat(coreServices)
                .because("a view talks to its view model, which talks to services");
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
}
