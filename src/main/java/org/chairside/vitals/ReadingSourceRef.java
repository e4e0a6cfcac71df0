package org.chairside.vitals;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.Session;

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

    /**
     * Those of these keys the session already has (a set the caller may add to). One primary-key lookup per key, on one
     * prepared statement: with the keys as an IN list H2 read every key the session already had and compared each
     * with the whole list (it uses an IN list on an index's first column only), so an import's chunks grew slower as
     * the session filled (a 200,000-row import took 9 minutes).
     */
    public static Set<String> stored(long sessionId, Collection<String> sourceRefs) {
        Set<String> found = new HashSet<>();
        if (sourceRefs.isEmpty()) {
            return found;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement lookup = connection.prepareStatement(
                    "select 1 from reading_source_ref where session_id = ? and source_ref = ?")) {
                lookup.setLong(1, sessionId);
                for (String ref : sourceRefs) {
                    lookup.setString(2, ref);
                    try (ResultSet row = lookup.executeQuery()) {
                        if (row.next()) {
                            found.add(ref);
                        }
                    }
                }
            }
        });
        return found;
    }
}
