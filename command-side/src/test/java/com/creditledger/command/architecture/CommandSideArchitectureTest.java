package com.creditledger.command.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The shape the command side keeps: a framework-free model, an aggregate without I/O, no package cycles. */
@AnalyzeClasses(packages = "com.creditledger.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    /** Lots, consumption, allocation, refunds, pricing: rules over values, tested without a framework. */
    @ArchTest
    static final ArchRule theModelDependsOnTheKernelAndTheJdkOnly = classes()
            .that().resideInAPackage("com.creditledger.command.model..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "com.creditledger.kernel..", "com.creditledger.command.model..");

    /** The account decides on what it holds in memory: receipts are read and written around it. */
    @ArchTest
    static final ArchRule theAggregateDoesNoIo = noClasses()
            .that().resideInAPackage("com.creditledger.command.account..").and().haveSimpleName("CreditAccount")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "java.sql..", "javax.sql..", "org.springframework..", "com.creditledger.command.idempotency..");

    @ArchTest
    static final ArchRule noCyclesBetweenCapabilities = slices()
            .matching("com.creditledger.command.(*)..").should().beFreeOfCycles();

    /** Controllers turn requests into commands; what they read they read through a named component. */
    @ArchTest
    static final ArchRule controllersRunNoSql = noClasses()
            .that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

    @ArchTest
    static final ArchRule theCommandSideDoesNotReachIntoTheQuerySide = noClasses()
            .should().dependOnClassesThat().resideInAPackage("com.creditledger.query..");
}
