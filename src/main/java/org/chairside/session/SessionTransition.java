package org.chairside.session;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/** One step on the session timeline: who moved it from which phase to which, and why. */
@Entity
@Table(name = "session_transition")
public class SessionTransition extends PanacheEntity {
    public Long sessionId;
    @Enumerated(EnumType.STRING)
    public SessionState fromState;
    @Enumerated(EnumType.STRING)
    public SessionState toState;
    public String reason;
    public boolean clearance;
    public Instant at;
    public String byUser;
}
