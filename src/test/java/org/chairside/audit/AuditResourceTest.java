package org.chairside.audit;

import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.anonymous;
import static org.chairside.TestClinic.nurse;
import static org.chairside.TestClinic.provider;
import static org.chairside.TestClinic.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/** {@code GET /api/audit}: the audit trail, newest first, filtered and paged, for admins only. */
@QuarkusTest
class AuditResourceTest {

    @BeforeEach
    void users() {
        TestClinic.ensureUsers();
    }

    private static long newUser() {
        return admin().body(Map.of("username", unique("audited").toLowerCase(), "password", "a-long-password", "roles", List.of("NURSE")))
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aUsersChangesAreListedNewestFirstWithWhoDidThem() {
        long id = newUser();
        admin().body(Map.of("roles", List.of("PROVIDER"))).put("/api/users/" + id + "/roles").then().statusCode(200);
        admin().post("/api/users/" + id + "/disable").then().statusCode(200);

        admin().queryParam("entity", "user").queryParam("entityId", id)
                .get("/api/audit")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("totalPages", equalTo(1))
                .body("items.action", contains("DISABLE", "ROLES", "CREATE"))
                .body("items.actor", everyItem(equalTo("admin")))
                .body("items.entityId", everyItem(equalTo(Long.toString(id))))
                .body("items[0].at", notNullValue())
                .body("items[1].detail", equalTo("roles=NURSE -> PROVIDER"))
                .body("items.subject", everyItem(org.hamcrest.Matchers.startsWith("audited-")));
    }

    @Test
    void filtersByActionAndActorAndPages() {
        String chair = unique("Audited chair");
        admin().body(Map.of("name", chair)).post("/api/recliners").then().statusCode(201);
        admin().body(Map.of("name", unique("Audited chair"))).post("/api/recliners").then().statusCode(201);

        admin().queryParam("entity", "recliner").queryParam("action", "create").queryParam("actor", "admin")
                .get("/api/audit")
                .then().statusCode(200)
                .body("total", greaterThanOrEqualTo(2))
                .body("items.action", everyItem(equalTo("CREATE")))
                .body("items.entity", everyItem(equalTo("recliner")))
                .body("items[1].detail", equalTo(chair))
                .body("items[1].subject", equalTo(chair));
        String first = admin().queryParam("entity", "recliner").queryParam("size", 1).queryParam("page", 0)
                .get("/api/audit").then().statusCode(200).body("items", hasSize(1)).body("size", equalTo(1))
                .extract().path("items[0].id").toString();
        String second = admin().queryParam("entity", "recliner").queryParam("size", 1).queryParam("page", 1)
                .get("/api/audit").then().statusCode(200).body("items", hasSize(1)).body("page", equalTo(1))
                .extract().path("items[0].id").toString();
        assertNotEquals(first, second);
        admin().queryParam("actor", "nobody-at-all").get("/api/audit").then().statusCode(200)
                .body("total", equalTo(0)).body("items", hasSize(0));
    }

    private static final Map<String, Object> SPO2_OVERRIDE = Map.of("rules", List.of(Map.of(
            "condition", "SPO2_LOW", "label", "Oxygen saturation low", "kind", "LIMIT", "limits", List.of(
                    Map.of("vital", "SPO2", "operator", "BELOW", "value", 90, "priority", "MEDIUM"),
                    Map.of("vital", "SPO2", "operator", "BELOW", "value", 86, "priority", "HIGH")))));

    /** An auditor looking at one session sees who changed its thresholds, from what to what. */
    @Test
    void aSessionsThresholdChangesAreFoundUnderThatSession() {
        long session = TestClinic.openUnscreenedSession();
        long other = TestClinic.openUnscreenedSession();
        provider().body(SPO2_OVERRIDE).put("/api/sessions/" + session + "/thresholds").then().statusCode(200);
        provider().body(SPO2_OVERRIDE).put("/api/sessions/" + other + "/thresholds").then().statusCode(200);

        admin().queryParam("entity", "session").queryParam("entityId", session).get("/api/audit")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].action", equalTo("THRESHOLDS"))
                .body("items[0].actor", equalTo("provider"))
                .body("items[0].entity", equalTo("session"))
                .body("items[0].entityId", equalTo(Long.toString(session)))
                .body("items[0].detail", containsString("before=(defaults)"))
                .body("items[0].detail", containsString("\"value\":86"));
        // every threshold change, the clinic's and the sessions', is still under "thresholds"
        admin().queryParam("entity", "thresholds").queryParam("actor", "provider").queryParam("size", 200).get("/api/audit")
                .then().statusCode(200)
                .body("items.entityId", org.hamcrest.Matchers.hasItems(Long.toString(session), Long.toString(other)));
        admin().queryParam("entity", "thresholds").queryParam("entityId", "SESSION:" + session).get("/api/audit")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].action", equalTo("THRESHOLDS"));
    }

    /** Entries written before session overrides were audited under their session stay findable both ways. */
    @Test
    void olderSessionThresholdEntriesAreFoundUnderTheSessionToo() {
        long session = TestClinic.openUnscreenedSession();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            AuditEntry old = new AuditEntry();
            old.at = RecordClock.now();
            old.actor = "provider";
            old.action = "UPDATE";
            old.entity = "thresholds";
            old.entityId = "SESSION:" + session;
            old.detail = "before=(defaults) after={}";
            old.persist();
        });
        admin().queryParam("entity", "session").queryParam("entityId", session).get("/api/audit")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].entity", equalTo("thresholds")).body("items[0].entityId", equalTo("SESSION:" + session));
        admin().queryParam("entity", "thresholds").queryParam("entityId", "SESSION:" + session).get("/api/audit")
                .then().statusCode(200).body("total", equalTo(1));
        admin().queryParam("entity", "session").queryParam("action", "update").queryParam("size", 200).get("/api/audit")
                .then().statusCode(200).body("items.entityId", org.hamcrest.Matchers.hasItem("SESSION:" + session));
    }

    @Test
    void badFiltersAreNamed() {
        admin().queryParam("entity", "users").get("/api/audit")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("entity"))
                .body("violations[0].rule", containsString("patient, recliner, session, thresholds, user"));
        admin().queryParam("entityId", "5").get("/api/audit")
                .then().statusCode(422).body("violations.field", contains("entityId"));
        admin().queryParam("page", "first").queryParam("size", "0").get("/api/audit")
                .then().statusCode(422).body("violations.field", contains("page", "size"))
                .body("violations[0].rule", equalTo("must be a whole number"));
        admin().queryParam("page", "-1").queryParam("size", "201").get("/api/audit")
                .then().statusCode(422).body("violations.field", contains("page", "size"));
    }

    @Test
    void onlyAnAdminReadsTheTrail() {
        nurse().get("/api/audit").then().statusCode(403).contentType("application/problem+json");
        provider().get("/api/audit").then().statusCode(403);
        anonymous().get("/api/audit").then().statusCode(401);
        admin().get("/api/audit").then().statusCode(200).body("items", not(hasSize(0)));
    }
}
