package org.chairside.vitals;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * An importer's key for a reading it stored, unique per session, so that importing the same data again stores
 * nothing twice. Kept apart from the reading table so that manual charting, which has no key, writes no entry.
 */
@Entity
@Table(name = "reading_source_ref")
@IdClass(ReadingSourceRef.Key.class)
public class ReadingSourceRef extends PanacheEntityBase {
    @Id
    public Long sessionId;
    @Id
    public String sourceRef;
    public Long readingId;

    /** The primary key: a session and a key. */
    public static class Key implements Serializable {
        public Long sessionId;
        public String sourceRef;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(sessionId, k.sessionId) && Objects.equals(sourceRef, k.sourceRef);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, sourceRef);
        }
    }

    static ReadingSourceRef of(Reading r) {
        ReadingSourceRef ref = new ReadingSourceRef();
        ref.sessionId = r.sessionId;
        ref.sourceRef = r.sourceRef;
        ref.readingId = r.id;
        return ref;
    }

    /** Those of these keys the session already has (a set the caller may add to): one query for a whole import chunk. */
    public static Set<String> stored(long sessionId, Collection<String> sourceRefs) {
        if (sourceRefs.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(getEntityManager()
                .createQuery("select r.sourceRef from ReadingSourceRef r where r.sessionId = ?1 and r.sourceRef in ?2", String.class)
                .setParameter(1, sessionId).setParameter(2, sourceRefs).getResultList());
    }
}
