package org.integratedcommunities.referrals.queryside;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The two applications meet only in the event store and the shared kernel. */
@AnalyzeClasses(packages = "org.integratedcommunities.referrals", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule querySideNeverUsesTheCommandSide = noClasses()
            .that()
            .resideInAPackage("..queryside..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..commandside..");

    @ArchTest
    static final ArchRule querySideNeverSendsCommands = noClasses()
            .that()
            .resideInAPackage("..queryside..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.axonframework.commandhandling..");

    @ArchTest
    static final ArchRule reactorSchedulingStaysAtTheWebEdge = noClasses()
            .that()
            .resideInAPackage("..queryside..")
            .and()
            .resideOutsideOfPackage("..queryside.web..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("reactor.core.scheduler.Schedulers");
}
