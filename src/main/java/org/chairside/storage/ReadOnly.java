package org.chairside.storage;

import jakarta.persistence.EntityManager;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * For a transaction that reads many entities to answer one request (the board: hundreds of sessions and their
 * readings) and writes none. By default Hibernate keeps a snapshot of every entity it loads and, before each
 * query, compares every one of them with it in case a change must be flushed first: over a board of 256 chairs
 * that comparison took most of the request's time.
 */
public final class ReadOnly {
    private ReadOnly() {
    }

    /** Call before the transaction's first read: what it loads from then on is neither snapshotted nor flushed. */
    public static void forThisTransaction(EntityManager em) {
        Session session = em.unwrap(Session.class);
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
    }
}
