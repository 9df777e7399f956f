package dev.livetodos.bootstrap;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The rules that keep livetodos a hexagon, written for any root package so each can be shown
 * to catch a fixture that breaks it.
 */
final class LivetodosArchitecture {

    private LivetodosArchitecture() {
    }

    static ArchRule theCoreIsSurroundedByAdaptersThatOnlyBootstrapJoins(String root) {
        return onionArchitecture()
                .domainModels(root + ".domain.model..")
                .domainServices(root + ".application.port..")
                .applicationServices(root + ".application.service..")
                // An adapter is one technology, in either direction (the DynamoDB table and its stream).
                .adapter("web", root + ".adapter.*.web..")
                .adapter("websocket", root + ".adapter.*.websocket..")
                .adapter("dynamodb", root + ".adapter.*.dynamodb..")
                .adapter("apigateway", root + ".adapter.*.apigateway..")
                .adapter("lambda", root + ".adapter.*.lambda..")
                // The live-change wire format: a ring of its own that every adapter may use.
                .adapter("wire", root + ".adapter.wire..")
                .adapter("bootstrap", root + ".bootstrap..")
                .ignoreDependency(resideInAPackage(root + ".adapter.."), resideInAPackage(root + ".adapter.wire.."))
                // Bootstrap wires everything together; nothing may depend on it.
                .ignoreDependency(resideInAPackage(root + ".bootstrap.."), DescribedPredicate.alwaysTrue())
                .withOptionalLayers(true)
                .because("the core knows nothing of adapters, and adapters meet only in bootstrap");
    }

    static ArchRule theCoreDependsOnlyOnItselfTheJdkAndReactor(String root) {
        return classes().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(root + ".domain..", root + ".application..", "java..", "reactor.core..")
                .allowEmptyShould(true)
                .because("the core must compile without Spring, the AWS SDK or Jackson");
    }

    /**
     * The live-change wire format is shared by the adapters of both hosts (the HTTP API, the local
     * WebSocket, the Lambda functions), so it may know the core and Jackson, and nothing else:
     * an adapter's technology in it would reach every other adapter through it.
     */
    static ArchRule theWireFormatDependsOnlyOnTheCoreTheJdkAndJackson(String root) {
        return classes().that().resideInAPackage(root + ".adapter.wire..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(root + ".adapter.wire..", root + ".domain..", root + ".application.port..",
                        "java..", "tools.jackson..", "com.fasterxml.jackson.annotation..")
                .allowEmptyShould(true)
                .because("every adapter may use the wire format, so it must not bring any adapter's technology along");
    }

    static ArchRule adaptersDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".adapter.*.(*)..")
                .should().notDependOnEachOther()
                .allowEmptyShould(true)
                .because("each adapter talks to the core only; bootstrap connects them");
    }

    /**
     * The local issuer is an identity provider beside the hexagon, not part of it: it knows nothing
     * of livetodos but itself, and only bootstrap (which starts it) knows it. The API meets it
     * through tokens alone.
     */
    static ArchRule theIssuerStandsApartAndOnlyBootstrapStartsIt(String root) {
        ArchRule knowsOnlyItself = noClasses().that().resideInAPackage(root + ".issuer..")
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(DescribedPredicate.not(resideInAPackage(root + ".issuer.."))))
                .allowEmptyShould(true)
                .because("the issuer is an identity provider outside the hexagon");
        ArchRule onlyBootstrapKnowsIt = noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(root + ".issuer..", root + ".bootstrap..")
                .should().dependOnClassesThat().resideInAPackage(root + ".issuer..")
                .allowEmptyShould(true)
                .because("the API meets the issuer through tokens; only bootstrap starts it");
        return CompositeArchRule.of(knowsOnlyItself).and(onlyBootstrapKnowsIt);
    }

    static ArchRule noClassUsesFieldInjection() {
        return GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.allowEmptyShould(true);
    }

    static ArchRule noClassThrowsGenericExceptions() {
        return GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.allowEmptyShould(true);
    }

    /**
     * One logging API: SLF4J, which Spring Boot routes to Logback and formats (plain or structured
     * JSON with trace ids) in one place. Not commons-logging, {@code System.Logger},
     * {@code java.util.logging} or Log4j's API directly.
     */
    static ArchRule everyClassLogsThroughSlf4j() {
        return noClasses()
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.commons.logging..", "java.util.logging..",
                        "org.apache.logging.log4j..", "org.apache.log4j..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger$Level")
                .because("every class logs through SLF4J, so one configuration formats every line")
                .allowEmptyShould(true);
    }
}
