package org.integratedcommunities.referrals.queryside.ui;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * One HTML form of the web UI as the server sees it: what the user typed (kept, so a form with errors comes back as
 * they left it), its problems for the GOV.UK error summary and the fields' messages, and its idempotency key: made
 * when the form is shown, posted back with it, and sent to the command side, so the same submission twice stores
 * nothing twice.
 *
 * <p>Field ids are the form's name and the field's ({@code decline-reason}), so several forms fit on one page and the
 * error summary's links find their field.
 */
public final class Form {

    public static final String KEY_FIELD = "idempotencyKey";

    /** The answer of a GOV.UK yes/no question asked with radios. */
    public enum YesNo {
        YES,
        NO
    }

    /**
     * A problem with what was submitted.
     *
     * @param field the form field it is about; null for a problem with the whole form
     * @param anchor the id the error summary links to
     */
    public record Error(String field, String anchor, String message) {}

    private final String name;
    private final MultiValueMap<String, String> values;
    private final List<Error> errors = new ArrayList<>();
    /** The fields read as GOV.UK date inputs: their errors link to the day. */
    private final Set<String> dateFields = new HashSet<>();

    private final String idempotencyKey;

    private Form(String name, MultiValueMap<String, String> values, String idempotencyKey) {
        this.name = name;
        this.values = values;
        this.idempotencyKey = idempotencyKey;
    }

    /** A new, empty form with a new idempotency key. */
    public static Form empty(String name) {
        return new Form(name, new LinkedMultiValueMap<>(), UUID.randomUUID().toString());
    }

    /** A new form with a suggested answer already filled in (the user may change it). */
    public Form suggesting(String field, String value) {
        values.put(field, List.of(value));
        return this;
    }

    /** The form as posted; its key as posted (a hand-made post without one gets one of its own). */
    public static Form submitted(String name, MultiValueMap<String, String> posted) {
        MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        posted.forEach((field, given) -> values.put(field, given == null ? List.of() : List.copyOf(given)));
        String key = values.getFirst(KEY_FIELD);
        boolean usable = key != null && key.matches("[A-Za-z0-9-]{8,64}");
        return new Form(name, values, usable ? key : UUID.randomUUID().toString());
    }

    /**
     * The same values and problems under a new key: for showing a form again after the command side refused it, since
     * the command side refuses a key that comes back with another request.
     */
    public Form withNewKey() {
        Form again = new Form(name, values, UUID.randomUUID().toString());
        again.errors.addAll(errors);
        again.dateFields.addAll(dateFields);
        return again;
    }

    public String name() {
        return name;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** The id of a field's input (the first one for radios, checkboxes and dates). */
    public String id(String field) {
        return name + "-" + field;
    }

    /** What the user typed, trimmed; empty when nothing. */
    public String value(String field) {
        String value = values.getFirst(field);
        return value == null ? "" : value.trim();
    }

    /** What the user typed, trimmed; null when nothing (an optional filter left empty). */
    public String optional(String field) {
        String value = value(field);
        return value.isEmpty() ? null : value;
    }

    public List<String> values(String field) {
        List<String> given = values.get(field);
        return given == null
                ? List.of()
                : given.stream().filter(v -> !v.isBlank()).toList();
    }

    /** Whether a radio or checkbox with this value was chosen. */
    public boolean checked(String field, Object option) {
        return values(field).contains(String.valueOf(option));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<Error> errors() {
        return List.copyOf(errors);
    }

    /** The message for a field, or null. */
    public String error(String field) {
        return errors.stream()
                .filter(error -> field.equals(error.field()))
                .map(Error::message)
                .findFirst()
                .orElse(null);
    }

    public Form reject(String field, String message) {
        return reject(field, dateFields.contains(field) ? id(field) + "-day" : id(field), message);
    }

    public Form reject(String field, String anchor, String message) {
        if (error(field) == null) {
            errors.add(new Error(field, anchor, message));
        }
        return this;
    }

    /** A problem with the form as a whole (the summary links to the form). */
    public Form rejectAll(String message) {
        errors.add(new Error(null, name, message));
        return this;
    }

    /** Required free text of at most {@code max} characters; the value, or null when rejected. */
    public String text(String field, boolean required, int max, String whenMissing, String label) {
        String value = value(field);
        if (value.isEmpty()) {
            if (required) {
                reject(field, whenMissing);
            }
            return null;
        }
        if (value.length() > max) {
            reject(field, label + " must be " + String.format("%,d", max) + " characters or fewer");
            return null;
        }
        return value;
    }

    /** One constant of a closed vocabulary, chosen from radios; null (and rejected if required) otherwise. */
    public <E extends Enum<E>> E choice(String field, Class<E> vocabulary, boolean required, String whenMissing) {
        String value = value(field);
        for (E constant : vocabulary.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        if (required || !value.isEmpty()) {
            reject(field, whenMissing);
        }
        return null;
    }

    /** The ticked constants of a closed vocabulary; anything else is rejected. */
    public <E extends Enum<E>> List<E> choices(
            String field, Class<E> vocabulary, boolean required, String whenMissing) {
        List<E> chosen = new ArrayList<>();
        for (String value : values(field)) {
            try {
                chosen.add(Enum.valueOf(vocabulary, value));
            } catch (IllegalArgumentException e) {
                reject(field, whenMissing);
                return List.of();
            }
        }
        if (required && chosen.isEmpty()) {
            reject(field, whenMissing);
        }
        return chosen;
    }

    /**
     * A GOV.UK date input ({@code field-day}, {@code field-month}, {@code field-year}); empty when not given or not a
     * real date (then rejected: if required and missing, or whenever it is not a date).
     */
    public Optional<LocalDate> date(String field, boolean required, String whenMissing, String label) {
        String day = value(field + "-day");
        String month = value(field + "-month");
        String year = value(field + "-year");
        dateFields.add(field);
        String anchor = id(field) + "-day";
        if (day.isEmpty() && month.isEmpty() && year.isEmpty()) {
            if (required) {
                reject(field, anchor, whenMissing);
            }
            return Optional.empty();
        }
        try {
            if (!year.matches("\\d{4}")) {
                throw new DateTimeException("year");
            }
            return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
        } catch (NumberFormatException | DateTimeException e) {
            reject(field, anchor, label + " must be a real date");
            return Optional.empty();
        }
    }

    /**
     * Puts the command side's field problems on this form's fields: {@code fields} maps the API's field names (such as
     * {@code outcome.level}) to the form's; a problem without a known field, or a refusal without field problems (not
     * allowed, not possible in the current state, changed by someone else), is about the whole form.
     */
    public Form rejectedBy(CommandSide.Result result, Map<String, String> fields) {
        for (CommandSide.FieldProblem problem : result.errors()) {
            String field = fields.get(problem.field());
            if (field != null) {
                reject(field, sentence(problem.message()));
            } else {
                rejectAll(sentence(problem.message()));
            }
        }
        if (result.errors().isEmpty()) {
            rejectAll(sentence(result.detail()));
        }
        return this;
    }

    private static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "Your change could not be saved";
        }
        String trimmed = message.trim().replaceAll("\\.$", "");
        return Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
    }
}
