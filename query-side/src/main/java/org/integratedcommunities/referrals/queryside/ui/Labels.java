package org.integratedcommunities.referrals.queryside.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.springframework.stereotype.Component;

/**
 * Words for the platform's vocabularies on the pages ({@code @labels} in templates): referral types and statuses with
 * the colour of their GOV.UK tag, and any categorical record (facts, particulars, outcomes, timeline details) as
 * label-and-value rows, its enum values in plain words ("ENTRY_2" is "Entry 2").
 */
@Component("labels")
public class Labels {

    private static final Map<ReferralType, String> TYPES = Map.of(
            ReferralType.REFUGEE_POST_GRANT, "Refugee post-grant support",
            ReferralType.EMPLOYMENT_SUPPORT, "Employment support",
            ReferralType.ESOL_PLACEMENT, "ESOL placement",
            ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN, "Out-of-school settings concern");

    private final UkTime time;

    public Labels(UkTime time) {
        this.time = time;
    }

    /** One row of a summary list. */
    public record Row(String label, String value) {}

    public String type(ReferralType type) {
        return type == null ? "" : TYPES.get(type);
    }

    public List<ReferralType> types() {
        return List.of(ReferralType.values());
    }

    public List<ReferralStatus> statuses() {
        return List.of(ReferralStatus.values());
    }

    public String status(ReferralStatus status) {
        return status == null ? "" : words(status.name());
    }

    /** The GOV.UK tag colour of a status: what needs doing stands out, what is finished is grey. */
    public String statusTag(ReferralStatus status) {
        return "govuk-tag "
                + switch (status) {
                    case RAISED -> "govuk-tag--blue";
                    case ACCEPTED, IN_PROGRESS -> "govuk-tag--light-blue";
                    case OUTCOME_RECORDED -> "govuk-tag--green";
                    case RETURNED_FOR_INFORMATION -> "govuk-tag--yellow";
                    case DECLINED, SUSPENDED -> "govuk-tag--orange";
                    case CLOSED, WITHDRAWN -> "govuk-tag--grey";
                };
    }

    public String role(String realmRole) {
        return Role.fromRealmRole(realmRole).map(role -> words(role.name())).orElse(words(realmRole));
    }

    public String roles(Collection<String> realmRoles) {
        return realmRoles.stream().map(this::role).collect(Collectors.joining(", "));
    }

    /** "OUTCOME_RECORDED" and "estimatedLevel" both read as plain words: "Outcome recorded", "Estimated level". */
    public String words(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        String spaced = name.contains("_") || name.equals(name.toUpperCase(Locale.ROOT))
                ? name.replace('_', ' ').toLowerCase(Locale.ROOT)
                : name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        spaced = spaced.replaceAll("\\besol\\b", "ESOL")
                .replaceAll("\\blado\\b", "LADO")
                .replaceAll("\\bsla\\b", "SLA")
                .replaceAll("\\bgp\\b", "GP");
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** A record's components as rows, skipping empty ones; nested values are written out plainly. */
    public List<Row> rows(Object record) {
        List<Row> rows = new ArrayList<>();
        if (record == null || !record.getClass().isRecord()) {
            return rows;
        }
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                String value = value(component.getAccessor().invoke(record));
                if (!value.isEmpty()) {
                    rows.add(new Row(words(component.getName()), value));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component, e);
            }
        }
        return rows;
    }

    /** A JSON object's fields as rows (a timeline entry's categorical details). */
    public List<Row> rows(JsonNode node) {
        List<Row> rows = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return rows;
        }
        node.fields().forEachRemaining(field -> {
            String value = json(field.getValue());
            if (!value.isEmpty()) {
                rows.add(new Row(words(field.getKey()), value));
            }
        });
        return rows;
    }

    /** Any value in plain words: a record as "Label: value; ...", a set as a list, a date GOV.UK style. */
    public String text(Object value) {
        return value(value);
    }

    /** A referral's short reference for people: the start of its id. */
    public String reference(Object id) {
        String text = String.valueOf(id);
        return text.length() > 8 ? text.substring(0, 8) : text;
    }

    private String value(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean yes) {
            return yes ? "Yes" : "No";
        }
        if (value instanceof Enum<?> constant) {
            return words(constant.name());
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(this::value).sorted().collect(Collectors.joining(", "));
        }
        if (value instanceof LocalDate date) {
            return time.date(date);
        }
        if (value instanceof Instant instant) {
            return time.dateTime(instant);
        }
        if (value.getClass().isRecord()) {
            return rows(value).stream()
                    .map(row -> row.label() + ": " + row.value())
                    .collect(Collectors.joining("; "));
        }
        return value.toString();
    }

    private String json(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false)
                    .map(this::json)
                    .collect(Collectors.joining(", "));
        }
        if (value.isObject()) {
            return rows(value).stream()
                    .map(row -> row.label() + ": " + row.value())
                    .collect(Collectors.joining("; "));
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "Yes" : "No";
        }
        String text = value.asText();
        if (text.matches("[A-Z][A-Z0-9_]+")) {
            return words(text);
        }
        if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return time.date(LocalDate.parse(text));
        }
        if (text.matches("\\d{4}-\\d{2}-\\d{2}T.*Z")) {
            return time.dateTime(Instant.parse(text));
        }
        return text;
    }
}
