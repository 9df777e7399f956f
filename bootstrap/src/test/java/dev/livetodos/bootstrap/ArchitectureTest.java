package dev.livetodos.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchitectureTest {

    private static final String ROOT = "dev.livetodos";
    private static final String FIXTURES = "dev.livetodos.archfixtures";

    private static JavaClasses livetodos;

    @BeforeAll
    static void importProductionClasses() {
        livetodos = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {".domain.model", ".application.port.in", ".application.port.out", ".application.service",
            ".adapter.in.web", ".adapter.in.websocket", ".adapter.out.websocket", ".adapter.in.dynamodb", ".adapter.out.dynamodb",
            ".adapter.out.apigateway", ".adapter.in.lambda", ".adapter.wire", ".bootstrap", ".issuer"})
    void everyRingTheRulesNameHoldsClasses(String pkg) {
        // Rules over empty packages would pass whatever happens; these must not be empty.
        assertThat(livetodos.stream().filter(c -> c.getPackageName().startsWith(ROOT + pkg))).isNotEmpty();
    }

    @Test
    void theCoreIsSurroundedByAdaptersThatOnlyBootstrapJoins() {
        LivetodosArchitecture.theCoreIsSurroundedByAdaptersThatOnlyBootstrapJoins(ROOT).check(livetodos);
    }

    @Test
    void theCoreDependsOnlyOnItselfTheJdkAndReactor() {
        LivetodosArchitecture.theCoreDependsOnlyOnItselfTheJdkAndReactor(ROOT).check(livetodos);
    }

    @Test
    void theWireFormatDependsOnlyOnTheCoreTheJdkAndJackson() {
        LivetodosArchitecture.theWireFormatDependsOnlyOnTheCoreTheJdkAndJackson(ROOT).check(livetodos);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        LivetodosArchitecture.adaptersDoNotDependOnEachOther(ROOT).check(livetodos);
    }

    @Test
    void theIssuerStandsApartAndOnlyBootstrapStartsIt() {
        LivetodosArchitecture.theIssuerStandsApartAndOnlyBootstrapStartsIt(ROOT).check(livetodos);
    }

    @Test
    void noClassUsesFieldInjection() {
        LivetodosArchitecture.noClassUsesFieldInjection().check(livetodos);
    }

    @Test
    void noClassThrowsGenericExceptions() {
        LivetodosArchitecture.noClassThrowsGenericExceptions().check(livetodos);
    }

    @Test
    void everyClassLogsThroughSlf4j() {
        LivetodosArchitecture.everyClassLogsThroughSlf4j().check(livetodos);
    }

    /** Each rule, run over a fixture written to break it, reports that fixture. */
    @Nested
    class TheRulesBite {

        @Test
        void aDomainModelThatUsesAnAdapterIsReported() {
            assertViolation(LivetodosArchitecture.theCoreIsSurroundedByAdaptersThatOnlyBootstrapJoins(FIXTURES + ".hexagon"),
                    "hexagon", "LeakyTodo");
        }

        @Test
        void anAdapterThatDependsOnBootstrapIsReported() {
            assertViolation(LivetodosArchitecture.theCoreIsSurroundedByAdaptersThatOnlyBootstrapJoins(FIXTURES + ".wiring"),
                    "wiring", "HandlerReachingIntoBootstrap");
        }

        @Test
        void aCoreClassThatUsesSpringIsReported() {
            assertViolation(LivetodosArchitecture.theCoreDependsOnlyOnItselfTheJdkAndReactor(FIXTURES + ".core"),
                    "core", "SpringAwareTodo");
        }

        @Test
        void aWireFormatThatUsesAnAdapterIsReported() {
            assertViolation(LivetodosArchitecture.theWireFormatDependsOnlyOnTheCoreTheJdkAndJackson(FIXTURES + ".wire"),
                    "wire", "FrameForTheWebOnly");
        }

        @Test
        void anAdapterThatUsesAnotherAdapterIsReported() {
            assertViolation(LivetodosArchitecture.adaptersDoNotDependOnEachOther(FIXTURES + ".adapters"),
                    "adapters", "HandlerUsingTheStore");
        }

        @Test
        void anIssuerThatKnowsTheDomainIsReported() {
            assertViolation(LivetodosArchitecture.theIssuerStandsApartAndOnlyBootstrapStartsIt(FIXTURES + ".issuer"),
                    "issuer", "IssuerReadingTodos");
        }

        @Test
        void anAdapterThatReachesIntoTheIssuerIsReported() {
            assertViolation(LivetodosArchitecture.theIssuerStandsApartAndOnlyBootstrapStartsIt(FIXTURES + ".issuer"),
                    "issuer", "HandlerAskingTheIssuer");
        }

        @Test
        void fieldInjectionIsReported() {
            assertViolation(LivetodosArchitecture.noClassUsesFieldInjection(), "injection", "FieldInjectedBean");
        }

        @Test
        void throwingAGenericExceptionIsReported() {
            assertViolation(LivetodosArchitecture.noClassThrowsGenericExceptions(), "exceptions", "VagueFailure");
        }

        @Test
        void loggingThroughAnotherApiIsReported() {
            assertViolation(LivetodosArchitecture.everyClassLogsThroughSlf4j(), "logging", "SystemLoggerFunction");
            assertViolation(LivetodosArchitecture.everyClassLogsThroughSlf4j(), "logging", "CommonsLoggingHandler");
        }

        private void assertViolation(ArchRule rule, String fixture, String offender) {
            JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + "." + fixture);
            assertThat(classes).as("fixture classes").isNotEmpty();

            EvaluationResult result = rule.evaluate(classes);

            assertThat(result.hasViolation()).as("violation reported").isTrue();
            assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line).contains(offender));
        }
    }
}
