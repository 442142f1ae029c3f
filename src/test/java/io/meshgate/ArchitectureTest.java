package io.meshgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.jms.MessageListener;
import org.junit.jupiter.api.Test;

/**
 * The layering the design fixes (DESIGN.md, "Layout"), checked on the compiled classes so that a
 * review argues about design, not about imports.
 */
class ArchitectureTest {

    private static final JavaClasses MESHGATE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.meshgate");

    @Test
    void theProtocolCoreAndTheClientUseNoJakartaApi() {
        noClasses().that().resideInAnyPackage("io.meshgate.crypto..", "io.meshgate.wire..", "io.meshgate.envelope..",
                        "io.meshgate.client..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..")
                .check(MESHGATE);
    }

    @Test
    void theClientDependsOnTheProtocolCoreAndItsLibrariesOnly() {
        classes().that().resideInAPackage("io.meshgate.client..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.meshgate.client..", "io.meshgate.wire..",
                        "io.meshgate.crypto..", "java..", "javax.crypto..", "javax.net..", "com.fasterxml.jackson..",
                        "org.bouncycastle..", "com.aayushatharva.brotli4j..")
                .check(MESHGATE);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("io.meshgate.(*)..").should().beFreeOfCycles().check(MESHGATE);
    }

    @Test
    void onlyMessageListenersTouchJmsOutsideTheMessagingPackage() {
        noClasses().that().resideOutsideOfPackages("io.meshgate.messaging..", "io.meshgate.launcher..")
                .and().areNotAssignableTo(MessageListener.class)
                .should().dependOnClassesThat().resideInAPackage("jakarta.jms..")
                .check(MESHGATE);
    }

    @Test
    void theGatewaysMessageListenersOnlyTranslateAndHandOff() {
        methods().that().areDeclaredInClassesThat().areAssignableTo(MessageListener.class)
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("io.meshgate.launcher..")
                .should().haveName("onMessage")
                .because("a listener's one method reads the message and hands it to the component that owns the work")
                .check(MESHGATE);
    }

    @Test
    void onlyTheMessagingPackageUsesArtemisOwnApi() {
        noClasses().that().resideOutsideOfPackages("io.meshgate.messaging..", "io.meshgate.launcher..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.activemq..")
                .check(MESHGATE);
    }

    @Test
    void onlyTheMetricsPackageUsesMicrometer() {
        noClasses().that().resideOutsideOfPackage("io.meshgate.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..")
                .check(MESHGATE);
    }
}
