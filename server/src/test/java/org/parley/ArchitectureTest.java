package org.parley;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md that the compiler cannot see, checked on the main code of the
 * server and of the socketio module: no package cycles under {@code org.parley}; a feature's store
 * (a class named {@code *Store}) is used only inside its own package; the protocol module imports
 * nothing of the product; nothing but the composition root knows the gateway. The composition
 * root, the classes of {@code org.parley} itself ({@link Parley}), builds every part and may import
 * everything; no package depends on it, so it is in no cycle. Deliberately broken test packages
 * ({@code org.parley.archfixture}) show that the rules fail when they should.
 */
class ArchitectureTest {
    /** Main code only: test classes, and the socketio module's test-jar, are left out. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.parley");

    /** Test-only packages that break both rules on purpose, so the rules are seen to bite. */
    private static final JavaClasses BROKEN = new ClassFileImporter().importPackages("org.parley.archfixture");

    private static final ArchRule NO_CYCLES = slices().matching("org.parley.(**)").namingSlices("$1")
            .should().beFreeOfCycles();

    private static final ArchRule STORES_STAY_HOME = ArchRuleDefinition.classes()
            .that().haveSimpleNameEndingWith("Store")
            .should(beUsedOnlyFromTheirOwnPackage());

    @Test
    void packagesHaveNoCycles() {
        NO_CYCLES.check(MAIN);
    }

    @Test
    void storesAreUsedOnlyInsideTheirFeature() {
        STORES_STAY_HOME.check(MAIN);
    }

    @Test
    void theProtocolModuleImportsNothingOfTheProduct() {
        noClasses().that().resideInAPackage("org.parley.socketio..")
                .should().dependOnClassesThat(resideInAPackage("org.parley..")
                        .and(not(resideInAPackage("org.parley.socketio.."))))
                .check(MAIN);
    }

    @Test
    void onlyTheCompositionRootKnowsTheGateway() {
        noClasses().that().resideOutsideOfPackages("org.parley.gateway..")
                .and().doNotHaveFullyQualifiedName(Parley.class.getName())
                .should().dependOnClassesThat().resideInAPackage("org.parley.gateway..")
                .check(MAIN);
    }

    @Test
    void theRulesCatchACycleAndAStoreUsedFromOutside() {
        assertThatThrownBy(() -> NO_CYCLES.check(BROKEN))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("archfixture.ping").hasMessageContaining("archfixture.pong");
        assertThatThrownBy(() -> STORES_STAY_HOME.check(BROKEN))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Intruder").hasMessageContaining("ThingStore");
    }

    private static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnPackage() {
        return new ArchCondition<>("be used only from their own package") {
            @Override
            public void check(JavaClass store, ConditionEvents events) {
                for (Dependency d : store.getDirectDependenciesToSelf()) {
                    JavaClass user = d.getOriginClass();
                    if (!user.getPackageName().equals(store.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
