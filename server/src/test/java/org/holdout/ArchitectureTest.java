package org.holdout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering the README's "Where the rules live" describes: domain packages know nothing of HTTP or of the
 * deep-learning baselines, the rule classes nothing of storage, and no two packages need each other.
 */
@AnalyzeClasses(packages = "org.holdout", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String[] DOMAIN = {"org.holdout.account..", "org.holdout.audit..", "org.holdout.competition..",
            "org.holdout.grading..", "org.holdout.leaderboard..", "org.holdout.scoring..", "org.holdout.submission..", "org.holdout.threshold.."};

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.holdout.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainKnowsNoHttp = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..",
                    "jakarta.servlet..", "org.holdout.web..", "org.holdout.server..");

    @ArchTest
    static final ArchRule domainKnowsNoBaselines = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.holdout.baselines..", "org.deeplearning4j..",
                    "org.nd4j..");

    @ArchTest
    static final ArchRule rulesArePure = noClasses().that().haveSimpleNameEndingWith("Rules").or().haveSimpleName("Points")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.holdout.db..",
                    "io.javalin..", "java.nio.file..", "java.net..");
}
