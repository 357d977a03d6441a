package org.integratedcommunities.referrals.queryside.audit.integrity;

/**
 * What is wrong at the first bad position of the chain.
 *
 * @param position the global_index where it is
 * @param kind what is wrong
 * @param detail the same in words, without the event's contents
 */
public record ChainProblem(long position, Kind kind, String detail) {

    public enum Kind {
        /** A stored column of the event chained here differs from what was chained. */
        CHANGED,
        /** The event chained here is gone. */
        MISSING,
        /** An event where the chain has none: at an index recorded as a permanent gap, or outside the chain's range. */
        UNEXPECTED,
        /** The event here is one the chain holds at another position: events were swapped or moved. */
        OUT_OF_ORDER,
        /** The chain's own table was edited: a link, or the run of links, does not follow from the one before. */
        CHAIN_ALTERED,
        /**
         * A signed checkpoint disagrees with the chain recomputed from the events: events and links were rewritten
         * together somewhere up to this position.
         */
        CHECKPOINT_MISMATCH,
        /** A checkpoint's signature does not verify with the public key: the checkpoint was altered or forged. */
        CHECKPOINT_INVALID
    }
}
