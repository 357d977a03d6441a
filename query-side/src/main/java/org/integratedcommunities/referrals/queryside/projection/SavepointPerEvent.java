package org.integratedcommunities.referrals.queryside.projection;

import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts every event of a batch under its own savepoint, so that an event whose handling fails can be undone alone:
 * the rows its handlers wrote are rolled back and the rest of the batch, the dead letter and the token still commit.
 *
 * <p>Without it a dead-lettered event would be half applied (the handlers' writes before the failure commit with the
 * batch), and a failure inside PostgreSQL (a constraint, a cast) would abort the whole transaction, so the dead letter
 * itself could not be written: the batch would fail for ever, holding up every referral of its segment. The
 * {@link LoudDeadLetterPolicy} rolls back to this savepoint before the event is dead-lettered.
 */
final class SavepointPerEvent implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String RESOURCE = SavepointPerEvent.class.getName();
    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactions;

    SavepointPerEvent(PlatformTransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return chain.proceed();
        }
        Savepoint savepoint = new Savepoint(transactions, transactions.getTransaction(NESTED));
        Object outer = unitOfWork.resources().put(RESOURCE, savepoint);
        try {
            Object result = chain.proceed();
            savepoint.release();
            return result;
        } catch (Exception | Error e) {
            savepoint.rollBack();
            throw e;
        } finally {
            if (outer == null) {
                unitOfWork.resources().remove(RESOURCE);
            } else {
                unitOfWork.resources().put(RESOURCE, outer);
            }
        }
    }

    /** The savepoint of the event being handled on this thread, if any. */
    static Optional<Savepoint> current() {
        return CurrentUnitOfWork.map(unitOfWork -> unitOfWork.<Savepoint>getResource(RESOURCE));
    }

    /** One event's savepoint: rolled back or released once, whichever comes first. */
    static final class Savepoint {

        private final PlatformTransactionManager transactions;
        private final TransactionStatus status;

        private Savepoint(PlatformTransactionManager transactions, TransactionStatus status) {
            this.transactions = transactions;
            this.status = status;
        }

        void rollBack() {
            if (!status.isCompleted()) {
                transactions.rollback(status);
            }
        }

        private void release() {
            if (!status.isCompleted()) {
                transactions.commit(status);
            }
        }
    }
}
