package org.chairside.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.chairside.audit.AuditLog;
import org.chairside.audit.AuditResource;
import org.chairside.audit.RecordClock;
import org.chairside.problem.ProblemException;
import org.chairside.problem.Violation;

/**
 * Reads and changes threshold profiles. Until an admin saves the clinic profile, the defaults shipped in
 * {@code thresholds/clinic-defaults.json} apply (the values of domain.md, for the medical director to sign off).
 */
@ApplicationScoped
public class Thresholds {
    private final ObjectMapper json;
    private final AuditLog audit;
    private final ThresholdProfile shippedDefaults;
    private static final int PARSED_KEPT = 1000;
    private final Map<String, ThresholdProfile> parsed = new ConcurrentHashMap<>();
    /** Effective profiles kept for charting, by session, valid for one generation of the stored settings. */
    private static final int EFFECTIVE_KEPT = 4096;
    private volatile Generation kept = new Generation(-1, new ConcurrentHashMap<>());

    private record Generation(long number, Map<Long, ThresholdProfile> effective) {
    }

    public Thresholds(ObjectMapper json, AuditLog audit) {
        this.json = json;
        this.audit = audit;
        try (InputStream in = Thresholds.class.getResourceAsStream("/thresholds/clinic-defaults.json")) {
            this.shippedDefaults = json.readValue(in, ThresholdProfile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("The shipped clinic threshold defaults cannot be read", e);
        }
    }

    public ThresholdProfile clinic() {
        ThresholdSetting s = ThresholdSetting.byKey(ThresholdSetting.CLINIC);
        if (s == null) {
            return shippedDefaults;
        }
        return clinicAsSaved(s.body);
    }

    /**
     * A saved clinic profile; what its discharge section does not set (it was saved before the section, or one of its
     * fields, existed) is the shipped rule's.
     */
    private ThresholdProfile clinicAsSaved(String body) {
        ThresholdProfile saved = read(body);
        return new ThresholdProfile(saved.rules(), saved.prestart(), saved.charting(), saved.escalation(),
                shippedDefaults.discharge().overlay(saved.discharge()));
    }

    /** The session's overrides, or an empty profile when the provider has set none. */
    public ThresholdProfile overrides(long sessionId) {
        ThresholdSetting s = ThresholdSetting.byKey(ThresholdSetting.sessionKey(sessionId));
        return s == null ? ThresholdProfile.empty() : read(s.body);
    }

    /** The clinic profile with the session's overrides laid over it (one query, no IN list, so its plan is cached: every charting asks). */
    public ThresholdProfile effective(long sessionId) {
        String sessionKey = ThresholdSetting.sessionKey(sessionId);
        ThresholdProfile clinic = shippedDefaults;
        ThresholdProfile overrides = ThresholdProfile.empty();
        // Keys and bodies only: settings loaded as entities would be snapshotted and dirty-checked at every flush of the write.
        List<Object[]> rows = ThresholdSetting.getEntityManager()
                .createQuery("select s.scopeKey, s.body from ThresholdSetting s where s.scopeKey = ?1 or s.scopeKey = ?2", Object[].class)
                .setParameter(1, ThresholdSetting.CLINIC).setParameter(2, sessionKey).getResultList();
        for (Object[] row : rows) {
            if (sessionKey.equals(row[0])) {
                overrides = read((String) row[1]);
            } else {
                clinic = clinicAsSaved((String) row[1]);
            }
        }
        return clinic.overlay(overrides);
    }

    /**
     * The effective profiles as of now, for a writer that charts many sessions in one transaction: one query for the
     * settings' generation, then each session's profile from memory unless a setting changed since it was read.
     * Every save bumps the generation in its own transaction, so a change made on any instance is seen by the
     * next group after its commit, as when every charting read the settings itself.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public LongFunction<ThresholdProfile> effectiveNow() {
        long number = ((Number) ThresholdSetting.getEntityManager()
                .createNativeQuery("select generation from threshold_generation where id = 1").getSingleResult()).longValue();
        Generation g = kept;
        if (g.number() != number || g.effective().size() >= EFFECTIVE_KEPT) {
            // Profiles are only ever put in the generation they were read after, so no stale one survives a change.
            g = new Generation(number, new ConcurrentHashMap<>());
            kept = g;
        }
        Map<Long, ThresholdProfile> known = g.effective();
        return sessionId -> {
            ThresholdProfile p = known.get(sessionId);
            if (p == null) {
                p = effective(sessionId);
                known.put(sessionId, p);
            }
            return p;
        };
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ThresholdProfile saveClinic(ThresholdProfile profile, String actor) {
        check(profile, false);
        save(ThresholdSetting.CLINIC, null, profile, actor);
        return profile;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ThresholdProfile saveOverrides(long sessionId, ThresholdProfile overrides, String actor) {
        check(overrides, true);
        save(ThresholdSetting.sessionKey(sessionId), sessionId, overrides, actor);
        return overrides;
    }

    private void check(ThresholdProfile profile, boolean partial) {
        List<Violation> violations = ProfileValidator.validate(profile, partial);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    private void save(String key, Long sessionId, ThresholdProfile profile, String actor) {
        ThresholdSetting s = ThresholdSetting.byKey(key);
        String before = s == null ? null : s.body;
        if (s == null) {
            s = new ThresholdSetting();
            s.scopeKey = key;
            s.scope = sessionId == null ? ThresholdSetting.CLINIC : "SESSION";
            s.sessionId = sessionId;
        }
        s.body = write(profile);
        s.updatedAt = RecordClock.now();
        s.updatedBy = actor;
        s.persist();
        ThresholdSetting.getEntityManager()
                .createNativeQuery("update threshold_generation set generation = generation + 1 where id = 1").executeUpdate();
        String detail = "before=" + (before == null ? "(defaults)" : before) + " after=" + s.body;
        if (sessionId == null) {
            audit.record(actor, "UPDATE", "thresholds", key, detail);
        } else {
            // Under the session, so that the session's audit trail shows who changed its limits (the search still lists
            // it under thresholds too).
            audit.record(actor, AuditResource.SESSION_THRESHOLDS, "session", sessionId, detail);
        }
    }

    /**
     * Every charting reads the clinic's and the session's profile; the stored JSON changes rarely, so each
     * distinct text is parsed once. Keyed by the text itself, a change on any instance is seen at once.
     */
    private ThresholdProfile read(String body) {
        ThresholdProfile known = parsed.get(body);
        if (known != null) {
            return known;
        }
        try {
            ThresholdProfile p = json.readValue(body, ThresholdProfile.class);
            if (parsed.size() >= PARSED_KEPT) {
                parsed.clear();
            }
            parsed.put(body, p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("A stored threshold profile cannot be read", e);
        }
    }

    private String write(ThresholdProfile p) {
        try {
            return json.writeValueAsString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
