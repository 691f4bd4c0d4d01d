package org.parley.archfixture.owner;

/** A store that another package reaches into, which {@code ArchitectureTest} must catch. */
public final class ThingStore {
    public int count() {
        return 0;
    }
}
