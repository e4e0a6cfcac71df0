package org.chairside.recliner;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A chair (bay) in the clinic; it holds at most one open session. */
@Entity
@Table(name = "recliner")
public class Recliner extends PanacheEntity {
    public String name;
    public Instant createdAt;
    public String createdBy;

    public static Recliner findByName(String name) {
        return find("name", name).firstResult();
    }
}
