package org.integratedcommunities.referrals.commandside.sla;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/** Overrides from configuration: {@code icr.sla.acknowledgement-working-days.<partnership-id>.<TYPE>=N}. */
public final class ConfiguredServiceLevelOverrides implements ServiceLevelOverrides {

    private final Map<PartnershipId, Map<ReferralType, Integer>> acknowledgementWorkingDays = new HashMap<>();

    public ConfiguredServiceLevelOverrides(SlaProperties properties) {
        properties
                .acknowledgementWorkingDays()
                .forEach((partnership, levels) -> acknowledgementWorkingDays.put(
                        new PartnershipId(partnership), levels.isEmpty() ? Map.of() : new EnumMap<>(levels)));
    }

    @Override
    public OptionalInt acknowledgementWorkingDays(PartnershipId partnershipId, ReferralType type) {
        Integer days =
                acknowledgementWorkingDays.getOrDefault(partnershipId, Map.of()).get(type);
        return days == null ? OptionalInt.empty() : OptionalInt.of(days);
    }
}
