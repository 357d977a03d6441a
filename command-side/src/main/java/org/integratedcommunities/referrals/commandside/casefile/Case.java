package org.integratedcommunities.referrals.commandside.casefile;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.integratedcommunities.referrals.commandside.authorisation.ActorRules.CASE_WORKING_ROLES;
import static org.integratedcommunities.referrals.commandside.authorisation.ActorRules.requireAnyRole;
import static org.integratedcommunities.referrals.commandside.authorisation.ActorRules.requireSamePartnership;

import java.time.Clock;
import java.util.EnumSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateVersion;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.integratedcommunities.referrals.commandside.authorisation.NotPermitted;
import org.integratedcommunities.referrals.commandside.authorisation.NotVisible;
import org.integratedcommunities.referrals.commandside.personaldata.PersonalDataSealer;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.kernel.casefile.CaseErasedEvent;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ConsentWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.casefile.EraseCaseCommand;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasisRecordedEvent;
import org.integratedcommunities.referrals.kernel.casefile.OpenCaseCommand;
import org.integratedcommunities.referrals.kernel.casefile.RecordLawfulBasisCommand;
import org.integratedcommunities.referrals.kernel.casefile.WithdrawConsentCommand;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;

/**
 * A person known to the partnership, held by one agency: their details (sealed with their own key), and the lawful
 * bases on which their data may be shared. Erasing the case destroys the key.
 */
@Aggregate
@Revision("1")
public class Case {

    @AggregateIdentifier
    private CaseId caseId;

    @AggregateVersion
    private Long version;

    private PartnershipId partnershipId;
    private AgencyId owningAgencyId;
    private DataSubjectId subject;
    private boolean consentInForce;
    private boolean erased;

    protected Case() {
        // rebuilt from its events
    }

    @CommandHandler
    public Case(OpenCaseCommand command, Actor actor, PersonalDataSealer vault, Clock clock) {
        requireAnyRole(actor, CASE_WORKING_ROLES, "open cases");
        // One key per case: the case id names the data subject.
        DataSubjectId subject = new DataSubjectId(command.caseId().value());
        apply(new CaseOpenedEvent(
                command.caseId(),
                actor.partnershipId(),
                actor.agencyId(),
                subject,
                vault.sealJson(subject, command.person()),
                clock.instant()));
    }

    @CommandHandler
    void handle(RecordLawfulBasisCommand command, Actor actor, Clock clock) {
        requireHolder(actor, "record a lawful basis");
        if (command.basis() == LawfulBasis.CONSENT && command.consent() == null) {
            throw new RuleViolation("consent", "Say who gave consent, when, and for what");
        }
        if (command.basis() != LawfulBasis.CONSENT && command.consent() != null) {
            throw new RuleViolation("consent", "Consent details belong only with the consent basis");
        }
        var consent = command.consent();
        apply(new LawfulBasisRecordedEvent(
                caseId,
                partnershipId,
                command.basis(),
                consent == null ? null : consent.givenBy(),
                consent == null ? null : consent.givenOn(),
                consent == null ? null : consent.purposes(),
                consent == null ? null : consent.agencies(),
                clock.instant()));
    }

    @CommandHandler
    void handle(WithdrawConsentCommand command, Actor actor, Clock clock) {
        requireHolder(actor, "withdraw consent");
        if (!consentInForce) {
            throw new RuleViolation("No consent is in force for this case");
        }
        apply(new ConsentWithdrawnEvent(caseId, partnershipId, clock.instant()));
    }

    @CommandHandler
    void handle(EraseCaseCommand command, Actor actor, Clock clock) {
        requireHolder(actor, "erase cases");
        if (!actor.hasAnyRole(EnumSet.of(Role.AGENCY_MANAGER))) {
            throw new NotPermitted("Only a manager of the agency that holds the case may erase it.");
        }
        apply(new CaseErasedEvent(caseId, partnershipId, subject, clock.instant()));
    }

    @EventSourcingHandler
    void on(CaseOpenedEvent event) {
        caseId = event.caseId();
        partnershipId = event.partnershipId();
        owningAgencyId = event.owningAgencyId();
        subject = event.subject();
    }

    @EventSourcingHandler
    void on(LawfulBasisRecordedEvent event) {
        if (event.basis() == LawfulBasis.CONSENT) {
            consentInForce = true;
        }
    }

    @EventSourcingHandler
    void on(ConsentWithdrawnEvent event) {
        consentInForce = false;
    }

    @EventSourcingHandler
    void on(CaseErasedEvent event) {
        erased = true;
    }

    /** Only the agency holding the case acts on it; to everyone else it does not exist. */
    private void requireHolder(Actor actor, String what) {
        requireSamePartnership(actor, partnershipId);
        if (!actor.agencyId().equals(owningAgencyId)) {
            throw new NotVisible();
        }
        requireAnyRole(actor, CASE_WORKING_ROLES, what);
        if (erased) {
            throw new RuleViolation("This person's data was erased: the case can no longer change");
        }
    }
}
