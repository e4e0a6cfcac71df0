package org.chairside.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.chairside.audit.RecordClock;

/**
 * Appends events to the log inside the caller's transaction and hands them to the publisher once that
 * transaction has committed. Ids come from a counter row that stays locked until commit, so they are
 * assigned in commit order with no holes: a client that has seen id n has seen everything before it.
 */
@ApplicationScoped
public class EventLog {
    private final EntityManager em;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final LivePublisher publisher;

    public EventLog(EntityManager em, ObjectMapper json, TransactionSynchronizationRegistry transactions, LivePublisher publisher) {
        this.em = em;
        this.json = json;
        this.transactions = transactions;
        this.publisher = publisher;
    }

    /** An event waiting for its id. */
    public record Pending(String type, Long sessionId, Object payload) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        // Flush first so the counter lock is taken as late as possible and held only until commit.
        em.flush();
        em.createNativeQuery("update event_counter set last_id = last_id + ?1 where name = 'events'")
                .setParameter(1, events.size()).executeUpdate();
        long last = ((Number) em.createNativeQuery("select last_id from event_counter where name = 'events'")
                .getSingleResult()).longValue();
        long id = last - events.size() + 1;
        Instant now = RecordClock.now();
        List<LiveEvent> committed = new ArrayList<>(events.size());
        for (Pending p : events) {
            LoggedEvent e = new LoggedEvent();
            e.id = id++;
            e.type = p.type();
            e.sessionId = p.sessionId();
            e.payload = write(p.payload());
            e.createdAt = now;
            em.persist(e);
            committed.add(LiveEvent.of(e));
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    publisher.publish(committed);
                }
            }
        });
    }

    @Transactional
    public List<LiveEvent> after(long afterId, long upToId, int max) {
        return LoggedEvent.<LoggedEvent>find("id > ?1 and id <= ?2 order by id", afterId, upToId)
                .page(0, max).list().stream().map(LiveEvent::of).toList();
    }

    @Transactional
    public long lastId() {
        Number n = (Number) em.createQuery("select coalesce(max(e.id), 0) from LoggedEvent e").getSingleResult();
        return n.longValue();
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload cannot be written as JSON: " + payload.getClass().getSimpleName(), e);
        }
    }
}
