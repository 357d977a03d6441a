package org.integratedcommunities.referrals.commandside.casefile;

import java.util.Optional;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;

/** The cases the command side knows, kept in step with case events in the same transaction that stores them. */
public interface CaseRegister {

    Optional<RegisteredCase> find(CaseId caseId);
}
