package org.chairside.audit;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Who changed what and when: users, recliners, thresholds, clearances. Clinical values live in their own tables. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntity {
    public Instant at;
    public String actor;
    public String action;
    public String entity;
    public String entityId;
    public String detail;
}
