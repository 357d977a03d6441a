package org.integratedcommunities.referrals.commandside.web;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.kernel.identity.ActorMetaData;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Handles a command with an idempotency key at most once per user and key. Runs inside the command's transaction:
 * the key is recorded together with the command's events, or not at all.
 */
class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcTemplate jdbc;

    IdempotencyInterceptor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        var metaData = unitOfWork.getMessage().getMetaData();
        Object key = metaData.get(Idempotency.KEY_METADATA);
        if (key == null) {
            return chain.proceed();
        }
        String user = String.valueOf(metaData.get(ActorMetaData.USER_ID));
        String fingerprint = String.valueOf(metaData.get(Idempotency.FINGERPRINT_METADATA));
        var seen = jdbc.queryForList(
                "SELECT request_fingerprint FROM idempotent_command WHERE user_id = ? AND idempotency_key = ?",
                String.class,
                user,
                key);
        if (!seen.isEmpty()) {
            if (!seen.get(0).equals(fingerprint)) {
                throw new RuleViolation(
                        Idempotency.HEADER, "This idempotency key was already used for a different request");
            }
            return null; // handled before: nothing happens twice
        }
        jdbc.update(
                "INSERT INTO idempotent_command (user_id, idempotency_key, request_fingerprint) VALUES (?, ?, ?)",
                user,
                key,
                fingerprint);
        return chain.proceed();
    }
}
