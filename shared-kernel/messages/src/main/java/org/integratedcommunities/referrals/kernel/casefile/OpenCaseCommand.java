package org.integratedcommunities.referrals.kernel.casefile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a case for a person known to the actor's agency. */
public record OpenCaseCommand(
        @TargetAggregateIdentifier CaseId caseId,
        @NotNull @Valid PersonDetails person) {}
