package org.chairside.audit;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Appends to the audit trail inside the caller's transaction, so a change and its record commit together. */
@ApplicationScoped
public class AuditLog {

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String entity, Object entityId, String detail) {
        AuditEntry e = new AuditEntry();
        e.at = RecordClock.now();
        e.actor = actor;
        e.action = action;
        e.entity = entity;
        e.entityId = entityId == null ? null : entityId.toString();
        e.detail = detail == null ? null : detail.length() > 4000 ? detail.substring(0, 4000) : detail;
        e.persist();
    }
}
