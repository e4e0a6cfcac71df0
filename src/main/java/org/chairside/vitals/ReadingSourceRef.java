package org.chairside.vitals;

import java.io.Serializable;
import java.util.Collection;
import java.util.Objects;

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

    static boolean exists(long sessionId, String sourceRef) {
        return count("sessionId = ?1 and sourceRef = ?2", sessionId, sourceRef) > 0;
    }

    /** How many of these keys the session already has. */
    public static long countStored(long sessionId, Collection<String> sourceRefs) {
        return count("sessionId = ?1 and sourceRef in ?2", sessionId, sourceRefs);
    }
}
