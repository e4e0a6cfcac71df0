package org.chairside.rules;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A stored threshold profile: the clinic's defaults (scope CLINIC) or one session's overrides (scope SESSION). */
@Entity
@Table(name = "threshold_setting")
public class ThresholdSetting extends PanacheEntity {
    public static final String CLINIC = "CLINIC";

    public String scope;
    public Long sessionId;
    public String scopeKey;
    /** The profile as JSON. */
    public String body;
    public Instant updatedAt;
    public String updatedBy;
    @Version
    public long version;

    public static String sessionKey(long sessionId) {
        return "SESSION:" + sessionId;
    }

    public static ThresholdSetting byKey(String key) {
        return find("scopeKey", key).firstResult();
    }
}
