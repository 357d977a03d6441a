package org.integratedcommunities.referrals.queryside.audit.integrity;

/**
 * What a verification found.
 *
 * @param intact true if the chain, recomputed from the stored events, agrees everywhere with the stored links and
 *     with every checkpoint checked
 * @param chainedThrough the last global_index the chain covers
 * @param events events checked
 * @param gapRuns runs of permanent gaps checked
 * @param unchainedEvents events after the chain's head, not yet chained (not settled, or the chainer is behind): not
 *     checked
 * @param checkpoints checkpoints checked, from the database and from an export
 * @param signaturesChecked true if checkpoints' signatures were checked (a public key was given)
 * @param firstProblem the first bad position and what is wrong there; null when intact
 */
public record VerificationResult(
        boolean intact,
        long chainedThrough,
        long events,
        long gapRuns,
        long unchainedEvents,
        int checkpoints,
        boolean signaturesChecked,
        ChainProblem firstProblem) {

    /** One line for people: {@code intact: ...} or {@code NOT INTACT at global index N: KIND: ...}. */
    public String summary() {
        if (intact) {
            return "intact: " + events + " events and " + gapRuns + " runs of rolled-back indexes chained through"
                    + " global index " + chainedThrough + ", " + checkpoints + " checkpoints checked"
                    + (signaturesChecked ? " with their signatures" : " (signatures not checked: no public key)")
                    + ", " + unchainedEvents + " newer events not chained yet";
        }
        return "NOT INTACT at global index " + firstProblem.position() + ": " + firstProblem.kind() + ": "
                + firstProblem.detail();
    }
}
