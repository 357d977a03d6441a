package org.integratedcommunities.referrals.commandside;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The two applications meet only in the event store and the shared kernel. */
@AnalyzeClasses(packages = "org.integratedcommunities.referrals", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule commandSideNeverUsesTheQuerySide = noClasses()
            .that()
            .resideInAPackage("..commandside..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..queryside..");

    @ArchTest
    static final ArchRule reactorSchedulingStaysAtTheWebEdge = noClasses()
            .that()
            .resideInAPackage("..commandside..")
            .and()
            .resideOutsideOfPackage("..commandside.web..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("reactor.core.scheduler.Schedulers");
}
