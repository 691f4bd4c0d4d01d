package org.parley;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md that the compiler cannot see. Every package under
 * {@code org.parley} is checked: no package cycles among them, and a feature's store (a class
 * named {@code *Store}) is used only inside its own package. The composition root, the classes
 * of {@code org.parley} itself ({@link Parley}), builds every part and may import everything;
 * no package depends on it, so it is in no cycle.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.parley");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.parley.(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(MAIN);
    }

    @Test
    void storesAreUsedOnlyInsideTheirFeature() {
        ArchRuleDefinition.classes().that().haveSimpleNameEndingWith("Store")
                .should(beUsedOnlyFromTheirOwnPackage())
                .check(MAIN);
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
