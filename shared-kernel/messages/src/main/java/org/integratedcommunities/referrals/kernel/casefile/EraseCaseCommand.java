package org.integratedcommunities.referrals.kernel.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase the person's data: their key is destroyed, the events stay and read back as erased. */
public record EraseCaseCommand(@TargetAggregateIdentifier CaseId caseId) {}
