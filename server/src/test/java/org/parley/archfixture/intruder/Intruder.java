package org.parley.archfixture.intruder;

import org.parley.archfixture.owner.ThingStore;

/** Uses another package's store directly. */
public final class Intruder {
    public int peek() {
        return new ThingStore().count();
    }
}
