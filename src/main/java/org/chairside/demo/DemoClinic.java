package org.chairside.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import org.chairside.assessment.AldreteItems;
import org.chairside.assessment.AssessmentService;
import org.chairside.assessment.NewAssessment;
import org.chairside.assessment.Scale;
import org.chairside.audit.RecordClock;
import org.chairside.patient.Patient;
import org.chairside.recliner.Recliner;
import org.chairside.rules.Consciousness;
import org.chairside.security.AppUser;
import org.chairside.security.Roles;
import org.chairside.session.NewSession;
import org.chairside.session.Screening;
import org.chairside.session.ScreeningRequest;
import org.chairside.session.Screenings;
import org.chairside.session.SessionService;
import org.chairside.session.SessionState;
import org.chairside.session.SessionView;
import org.chairside.session.TransitionRequest;
import org.chairside.vitals.ChartingService;
import org.chairside.vitals.ReadingInput;
import org.chairside.vitals.Source;

/**
 * A demo clinic for newcomers: users, recliners, patients, sessions in several phases and a few past ones.
 * Only with chairside.demo.enabled (the dev and demo profiles), and only into an empty clinic.
 */
@ApplicationScoped
public class DemoClinic {
    private static final Logger LOG = Logger.getLogger(DemoClinic.class);
    public static final String ACTOR = "simulator";
    private static final ScreeningRequest CLEAR = new ScreeningRequest(false, false, false, false, null);
    static final Map<String, String> USERS = Map.of("nurse", "nurse-demo-pw", "provider", "provider-demo-pw");

    private final boolean enabled;
    private final SessionService sessions;
    private final ChartingService charting;
    private final AssessmentService assessments;
    private final Screenings screenings;
    // The simulator waits for this: on a slow first start the seeding outlasts its first tick, and its tick would seat a
    // patient in a chair the seeding is about to fill (the start then failed with "already holds an open session").
    private volatile boolean seeded;

    public DemoClinic(@ConfigProperty(name = "chairside.demo.enabled") boolean enabled, SessionService sessions, ChartingService charting,
                      AssessmentService assessments, Screenings screenings) {
        this.enabled = enabled;
        this.sessions = sessions;
        this.charting = charting;
        this.assessments = assessments;
        this.screenings = screenings;
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            return;
        }
        boolean empty = QuarkusTransaction.requiringNew().call(() -> Recliner.count() == 0);
        if (empty) {
            seed();
        }
        seeded = true;
    }

    /** Whether the demo clinic is in place (seeded now, or found from an earlier start). */
    boolean seeded() {
        return seeded;
    }

    private void seed() {
        QuarkusTransaction.requiringNew().run(this::seedPeople);
        List<Long> chairs = QuarkusTransaction.requiringNew().call(() -> Recliner.<Recliner>listAll(io.quarkus.panache.common.Sort.by("name"))
                .stream().map(r -> r.id).toList());
        List<Long> patients = QuarkusTransaction.requiringNew().call(() -> Patient.<Patient>listAll(io.quarkus.panache.common.Sort.by("id"))
                .stream().map(p -> p.id).toList());
        // Past sessions for history: discharged and one stopped early.
        for (int i = 0; i < 4; i++) {
            long s = seat(patients.get(i), chairs.get(7), 118 + i * 3, 76 + i);
            move(s, SessionState.INFUSING, null);
            chart(s, 126 + i * 4, 82, 78, 97);
            if (i == 3) {
                move(s, SessionState.STOPPED, "Nausea not relieved by ondansetron");
            } else {
                move(s, SessionState.RECOVERY, null);
                chart(s, 121, 79, 74, 98);
                discharge(s);
            }
        }
        // Today's board: one checked in and not yet screened (the nurse's next task), four infusing (one paused), one in
        // recovery, two chairs free.
        checkIn(patients.get(4), chairs.get(0), 124, 80, null);
        for (int i = 1; i <= 4; i++) {
            long s = seat(patients.get(4 + i), chairs.get(i), 116 + i * 4, 74 + i * 2);
            move(s, SessionState.INFUSING, null);
            if (i == 4) {
                move(s, SessionState.PAUSED, "Patient asked for a break");
            }
        }
        long recovering = seat(patients.get(9), chairs.get(5), 128, 84);
        move(recovering, SessionState.INFUSING, null);
        move(recovering, SessionState.RECOVERY, null);
        LOG.info("Demo clinic seeded: 8 recliners, 10 patients, users nurse/provider/admin");
    }

    private void seedPeople() {
        USERS.forEach((name, password) -> {
            if (AppUser.findByUsername(name) == null) {
                String role = name.equals("nurse") ? Roles.NURSE : Roles.PROVIDER;
                AppUser.create(name, password, name.equals("provider") ? List.of(Roles.PROVIDER, Roles.NURSE) : List.of(role),
                        name.equals("nurse") ? "Nora Nurse" : "Dr. Priya Provider", "demo").persist();
            }
        });
        for (int i = 1; i <= 8; i++) {
            Recliner r = new Recliner();
            r.name = "Chair " + i;
            r.createdAt = RecordClock.now();
            r.createdBy = "demo";
            r.persist();
        }
        String[][] names = {{"Alex", "Morgan"}, {"Sam", "Rivera"}, {"Jordan", "Lee"}, {"Taylor", "Okafor"}, {"Casey", "Nguyen"},
                {"Riley", "Schmidt"}, {"Jamie", "Haddad"}, {"Robin", "Kowalski"}, {"Avery", "Mensah"}, {"Quinn", "Larsen"}};
        for (int i = 0; i < names.length; i++) {
            Patient p = new Patient();
            p.mrn = "DEMO-" + (1001 + i);
            p.givenName = names[i][0];
            p.familyName = names[i][1];
            p.birthDate = LocalDate.of(1960 + i * 3, 1 + i, 10 + i);
            p.weightKg = BigDecimal.valueOf(58 + i * 4);
            p.createdAt = RecordClock.now();
            p.createdBy = "demo";
            p.persist();
        }
    }

    /** Checked in, screened at the desk with no contraindication, with a baseline: ready to start. */
    long seat(long patientId, long reclinerId, int systolic, int diastolic) {
        return checkIn(patientId, reclinerId, systolic, diastolic, CLEAR);
    }

    private long checkIn(long patientId, long reclinerId, int systolic, int diastolic, ScreeningRequest screening) {
        SessionView v = sessions.open(new NewSession(patientId, reclinerId, BigDecimal.valueOf(70),
                new NewSession.Protocol("Ketamine", new BigDecimal("0.5"), 40), screening), ACTOR);
        chart(v.id(), systolic, diastolic, 72, 98);
        return v.id();
    }

    /** As the simulator's nurse starts a chair: screened first where nobody has screened it yet. */
    void start(long sessionId) {
        if (QuarkusTransaction.requiringNew().call(() -> Screening.newest(sessionId).isEmpty())) {
            screenings.record(sessionId, CLEAR, ACTOR);
        }
        move(sessionId, SessionState.INFUSING, "Cleared by simulator");
    }

    void chart(long sessionId, int systolic, int diastolic, int heartRate, int spo2) {
        // A nurse's full set, oxygen and consciousness included, so that every chair shows its NEWS2.
        charting.chart(sessionId, List.of(new ReadingInput(null, systolic, diastolic, heartRate, spo2, 14, 36.8, false,
                        Consciousness.ALERT, null)),
                Source.DEMO, ACTOR, "");
    }

    /** As a nurse discharges: a modified Aldrete score of 10 recorded in recovery, then the discharge. */
    void discharge(long sessionId) {
        assessments.record(sessionId, new NewAssessment(Scale.ALDRETE, null, new AldreteItems(2, 2, 2, 2, 2), null,
                "ready for discharge with escort"), ACTOR);
        move(sessionId, SessionState.DISCHARGED, null);
    }

    void move(long sessionId, SessionState to, String reason) {
        sessions.transition(sessionId, new TransitionRequest(to, reason), simulator());
    }

    static SecurityIdentity simulator() {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(ACTOR))
                .addRoles(java.util.Set.of(Roles.NURSE, Roles.PROVIDER)).build();
    }
}
