package org.integratedcommunities.referrals.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;

/** The published language depends on nothing but the JDK and annotations: no Spring, no JPA, no Axon runtime. */
@AnalyzeClasses(
        packages = "org.integratedcommunities.referrals.kernel",
        importOptions = ImportOption.DoNotIncludeTests.class)
class KernelArchitectureTest {

    @ArchTest
    static final ArchRule kernelDependsOnNothingButAnnotations = classes()
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "org.integratedcommunities.referrals.kernel..",
                    "com.fasterxml.jackson.annotation..",
                    "jakarta.validation..",
                    "org.axonframework.modelling.command..",
                    "org.axonframework.serialization..");

    @ArchTest
    static final ArchRule everyEventHasARevision = classes()
            .that()
            .haveSimpleNameEndingWith("Event")
            .should()
            .beAnnotatedWith(Revision.class)
            .andShould()
            .beRecords();
}
