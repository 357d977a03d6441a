package org.integratedcommunities.referrals.commandside.sla;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;

/**
 * Keeps personal data out of the deadline table by design. Deadlines are stored in PostgreSQL
 * ({@code scheduled_tasks}, outside the event store's crypto-shredding) until they fire, so what a deadline carries
 * must never identify or describe a person. Every deadline passes this check when it is scheduled:
 *
 * <ul>
 *   <li><b>Payload</b>: none, or a {@code record} whose components are all ids, times or vocabularies: a typed id of
 *       the shared kernel (a record named {@code ...Id} in {@code org.integratedcommunities.referrals.kernel}),
 *       {@link UUID}, {@link Instant}, {@link LocalDate}, {@link Duration}, {@link Period}, an enum, a number or a
 *       boolean. No {@link String} (free text can hold a name), no collections, no nested records other than ids, no
 *       sealed personal data. Anything else is refused with an {@link IllegalArgumentException}, which fails the
 *       command that scheduled it.
 *   <li><b>Metadata</b>: only the actor's ids ({@code userId}, {@code agencyId}, {@code partnershipId}: opaque ids
 *       from the identity provider, never names), the actor's {@code roles} (role names) and message-origin ids
 *       ({@code correlationId}, {@code traceId}) are kept; any other correlation data is dropped from the stored
 *       deadline.
 * </ul>
 */
public final class DeadlinePayloadPolicy implements MessageDispatchInterceptor<DeadlineMessage<?>> {

    /** Metadata keys a stored deadline may carry: ids only. */
    public static final Set<String> PERMITTED_METADATA = Set.of(
            ActorMetaData.USER_ID,
            ActorMetaData.AGENCY_ID,
            ActorMetaData.PARTNERSHIP_ID,
            ActorMetaData.ROLES,
            "correlationId",
            "traceId");

    private static final String KERNEL_PACKAGE = "org.integratedcommunities.referrals.kernel";

    private static final Set<Class<?>> PERMITTED_VALUE_TYPES = Set.of(
            UUID.class,
            Instant.class,
            LocalDate.class,
            Duration.class,
            Period.class,
            Integer.class,
            Long.class,
            Short.class,
            Boolean.class,
            int.class,
            long.class,
            short.class,
            boolean.class);

    @Override
    public BiFunction<Integer, DeadlineMessage<?>, DeadlineMessage<?>> handle(
            List<? extends DeadlineMessage<?>> messages) {
        return (index, message) -> {
            requirePermittedPayload(message.getDeadlineName(), message.getPayload());
            Map<String, Object> permitted = message.getMetaData().entrySet().stream()
                    .filter(entry -> PERMITTED_METADATA.contains(entry.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            return permitted.size() == message.getMetaData().size() ? message : message.withMetaData(permitted);
        };
    }

    /**
     * Refuses a deadline payload that could hold personal data (see the class comment).
     *
     * @throws IllegalArgumentException naming the offending component
     */
    public static void requirePermittedPayload(String deadlineName, Object payload) {
        if (payload == null) {
            return;
        }
        Class<?> type = payload.getClass();
        if (!type.isRecord()) {
            throw refused(deadlineName, type.getName() + " is not a record");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (!isPermittedValueType(component.getType())) {
                throw refused(
                        deadlineName,
                        type.getSimpleName() + "." + component.getName() + " is a "
                                + component.getType().getSimpleName());
            }
        }
    }

    private static boolean isPermittedValueType(Class<?> type) {
        return PERMITTED_VALUE_TYPES.contains(type) || type.isEnum() || isKernelId(type);
    }

    private static boolean isKernelId(Class<?> type) {
        return type.isRecord()
                && type.getSimpleName().endsWith("Id")
                && type.getPackageName().startsWith(KERNEL_PACKAGE);
    }

    private static IllegalArgumentException refused(String deadlineName, String why) {
        return new IllegalArgumentException("Deadline '" + deadlineName + "' refused: " + why
                + ". Deadline payloads are stored until they fire and must hold only ids, times and vocabularies"
                + " (kernel ids, UUID, Instant, LocalDate, Duration, Period, enums, numbers, booleans)");
    }
}
