package org.integratedcommunities.referrals.kernel.casefile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Record the lawful basis for sharing the person's data; consent details are required for CONSENT. */
public record RecordLawfulBasisCommand(
        @TargetAggregateIdentifier CaseId caseId,
        @TargetAggregateVersion Long expectedVersion,
        @NotNull LawfulBasis basis,
        @Valid ConsentDetails consent) {}
