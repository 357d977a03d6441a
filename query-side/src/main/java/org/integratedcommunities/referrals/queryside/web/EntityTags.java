package org.integratedcommunities.referrals.queryside.web;

import java.util.List;

/** Conditional reads of the details: an entity tag against the request's {@code If-None-Match}. */
public final class EntityTags {

    private EntityTags() {}

    /** {@code If-None-Match}: {@code *}, or a list of entity tags compared weakly (RFC 9110, 13.1.2). */
    public static boolean matchesAny(List<String> ifNoneMatch, String entityTag) {
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*")) {
                    return true;
                }
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals(entityTag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
