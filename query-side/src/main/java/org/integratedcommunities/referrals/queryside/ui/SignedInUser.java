package org.integratedcommunities.referrals.queryside.ui;

import java.util.Set;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;

/**
 * Who the pages are for, as the header and the navigation need it: the name to show, the agency, and which parts of
 * the UI the roles open. The actor itself decides what is read.
 *
 * @param name the user's name from the access token, or the username when the token has none
 */
public record SignedInUser(boolean signedIn, String name, String agencyId, Set<Role> roles) {

    public static final SignedInUser NOBODY = new SignedInUser(false, null, null, Set.of());

    public SignedInUser {
        roles = Set.copyOf(roles);
    }

    static SignedInUser of(Actor actor, String name) {
        return new SignedInUser(true, name, actor.agencyId().value(), actor.roles());
    }

    /** Receiving work: an agency's inbox. */
    public boolean worksTheInbox() {
        return has(Role.AGENCY_WORKER, Role.AGENCY_MANAGER, Role.SAFEGUARDING_LEAD);
    }

    /** Sending referrals and following them up: the outbox. */
    public boolean followsTheOutbox() {
        return has(Role.CASEWORKER, Role.AGENCY_WORKER, Role.AGENCY_MANAGER, Role.SAFEGUARDING_LEAD);
    }

    public boolean worksCases() {
        return Role.CASE_WORKING.stream().anyMatch(roles::contains);
    }

    public boolean seesEscalations() {
        return has(Role.PARTNERSHIP_COORDINATOR, Role.AGENCY_MANAGER, Role.SAFEGUARDING_LEAD);
    }

    /** The auditor's workspace: event log, history as at a moment, verified replay, integrity, access log. */
    public boolean audits() {
        return has(Role.AUDITOR);
    }

    /** The partnership's indicators: the coordinator's alone. */
    public boolean seesIndicators() {
        return has(Role.PARTNERSHIP_COORDINATOR);
    }

    /**
     * Where the user starts: the coordinator on the escalations, whoever receives work on the inbox, a caseworker on
     * the outbox, the auditor on the audit workspace; the admin has no pages yet and stays on the start page.
     */
    public String homePath() {
        if (has(Role.PARTNERSHIP_COORDINATOR)) {
            return "/escalations";
        }
        if (worksTheInbox()) {
            return "/inbox";
        }
        if (followsTheOutbox()) {
            return "/outbox";
        }
        if (audits()) {
            return "/audit";
        }
        return null;
    }

    private boolean has(Role... any) {
        for (Role role : any) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
