package org.chairside.security;

import static io.restassured.RestAssured.given;
import static org.chairside.TestClinic.admin;
import static org.chairside.TestClinic.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.chairside.TestClinic;

/**
 * Two admins who disable each other, or take each other's ADMIN role, at the same moment: before, both requests
 * succeeded (three times in four), and a clinic whose only admins they were had none left. Now the changes take turns:
 * one succeeds and the other is refused (409, or 401/403 when its caller was already changed as it logged in), and one
 * of the two stays an active admin, every time.
 */
@QuarkusTest
class LastAdminTest {
    private static final String PASSWORD = "admin-race-pw-1";

    @BeforeEach
    void users() {
        TestClinic.ensureUsers();
    }

    private record Admin(long id, String name) {
        RequestSpecification api() {
            return given().auth().preemptive().basic(name, PASSWORD).contentType("application/json");
        }
    }

    private static Admin newAdmin() {
        String name = unique("adm").toLowerCase();
        long id = admin().body(Map.of("username", name, "password", PASSWORD, "roles", List.of("ADMIN")))
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
        // a first request, so that both logins are remembered and the race is between the changes, not the bcrypts
        given().auth().preemptive().basic(name, PASSWORD).get("/api/me").then().statusCode(200);
        return new Admin(id, name);
    }

    private static boolean activeAdmin(Admin a) {
        var user = admin().get("/api/users/" + a.id()).then().statusCode(200).extract().jsonPath();
        return user.getBoolean("active") && user.getList("roles").contains("ADMIN");
    }

    private void race(BiFunction<Admin, Admin, Integer> change) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int trial = 0; trial < 5; trial++) {
                Admin a = newAdmin();
                Admin b = newAdmin();
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> ab = pool.submit(() -> {
                    go.await();
                    return change.apply(a, b);
                });
                Future<Integer> ba = pool.submit(() -> {
                    go.await();
                    return change.apply(b, a);
                });
                go.countDown();
                List<Integer> answers = List.of(ab.get(), ba.get());
                assertEquals(1, answers.stream().filter(s -> s == 200).count(), "one change goes through: " + answers);
                assertTrue(answers.stream().allMatch(s -> Set.of(200, 401, 403, 409).contains(s)), "the other is refused: " + answers);
                assertTrue(activeAdmin(a) ^ activeAdmin(b), "exactly one of the two is still an active admin");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoAdminsDisablingEachOtherAtOnceLeaveOneOfThem() throws Exception {
        race((by, whom) -> by.api().post("/api/users/" + whom.id() + "/disable").statusCode());
    }

    @Test
    void twoAdminsTakingEachOthersAdminRoleAtOnceLeaveOneOfThem() throws Exception {
        race((by, whom) -> by.api().body(Map.of("roles", List.of("NURSE"))).put("/api/users/" + whom.id() + "/roles").statusCode());
    }
}
