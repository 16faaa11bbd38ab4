package com.creditledger.query.architecture;

import com.creditledger.query.projection.ReadEndpoint;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.GetMapping;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The shape the query side keeps: no package cycles, one snapshot per read, nothing of the command side. */
@AnalyzeClasses(packages = "com.creditledger.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenCapabilities = slices()
            .matching("com.creditledger.query.(*)..").should().beFreeOfCycles();

    /** Reads of projections answer from one snapshot; the admin endpoints that act are the exceptions. */
    @ArchTest
    static final ArchRule everyReadOfProjectionsIsOneSnapshot = methods()
            .that().areAnnotatedWith(GetMapping.class)
            .and().areDeclaredInClassesThat().resideOutsideOfPackages(
                    "com.creditledger.query.projection..", "com.creditledger.query.reconciliation..")
            .should().beDeclaredInClassesThat().areAnnotatedWith(ReadEndpoint.class);

    @ArchTest
    static final ArchRule theQuerySideDoesNotReachIntoTheCommandSide = noClasses()
            .should().dependOnClassesThat().resideInAPackage("com.creditledger.command..");
}
