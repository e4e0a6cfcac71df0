package org.chairside.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The pump set to a new rate during the session: to what, when, by whom, why. */
@Entity
@Table(name = "infusion_rate_change")
public class RateChange extends PanacheEntity {
    /** The scale of mg_per_kg_per_hour numeric(6,3). */
    public static final int RATE_DECIMALS = 3;

    public Long sessionId;
    public BigDecimal mgPerKgPerHour;
    public String reason;
    public Instant at;
    public String byUser;

    public static List<RateChange> ofSession(long sessionId) {
        return list("sessionId = ?1 order by at, id", sessionId);
    }
}
