package org.integratedcommunities.referrals.queryside.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command API's paths become URI templates, so the HTTP client's metrics never carry an id. */
class CommandSideTest {

    @Test
    void idsInAPathBecomeUriVariablesInOrder() {
        String path = "/api/referrals/56116afa-279a-35eb-a498-f47b39d67819/acceptance";
        assertThat(CommandSide.template(path)).isEqualTo("/api/referrals/{id0}/acceptance");
        assertThat(CommandSide.ids(path)).containsExactly("56116afa-279a-35eb-a498-f47b39d67819");
    }

    @Test
    void aPathWithoutIdsStaysAsItIs() {
        assertThat(CommandSide.template("/api/referrals")).isEqualTo("/api/referrals");
        assertThat(CommandSide.ids("/api/referrals")).isEmpty();
    }
}
