package org.chairside.session;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The patient moved to another recliner during the session: from which to which (as the chairs were named then), when, by whom, why. */
@Entity
@Table(name = "session_move")
public class SessionMove extends PanacheEntity {
    public Long sessionId;
    public Long fromReclinerId;
    public String fromReclinerName;
    public Long toReclinerId;
    public String toReclinerName;
    public String reason;
    public Instant at;
    public String byUser;

    public static List<SessionMove> ofSession(long sessionId) {
        return list("sessionId = ?1 order by at, id", sessionId);
    }
}
