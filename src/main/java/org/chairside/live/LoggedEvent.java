package org.chairside.live;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the event log: the outbox of the live stream and the record clients resume from. */
@Entity
@Table(name = "event_log")
public class LoggedEvent extends PanacheEntityBase {
    @Id
    public Long id;
    public String type;
    public Long sessionId;
    public String payload;
    public Instant createdAt;
}
