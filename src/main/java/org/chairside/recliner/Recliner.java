package org.chairside.recliner;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A chair (bay) in the clinic; it holds at most one open session, and none while it is out of service. */
@Entity
@Table(name = "recliner")
public class Recliner extends PanacheEntity {
    public String name;
    public Instant createdAt;
    public String createdBy;
    /** Since when it is out of service (null: in service), who took it out and why. */
    public Instant outOfServiceSince;
    public String outOfServiceBy;
    public String outOfServiceReason;

    public boolean inService() {
        return outOfServiceSince == null;
    }

    /** What the database holds now, past this transaction's copy: for a check made after taking the row's lock. */
    public static boolean outOfServiceNow(long id) {
        return count("id = ?1 and outOfServiceSince is not null", id) > 0;
    }

    public static Recliner findByName(String name) {
        return find("name", name).firstResult();
    }
}
