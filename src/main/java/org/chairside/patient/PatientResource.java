package org.chairside.patient;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.chairside.audit.AuditLog;
import org.chairside.audit.RecordClock;
import org.chairside.problem.ProblemException;
import org.chairside.security.Roles;
import org.chairside.validation.StoredDecimal;

@Path("/api/patients")
@Authenticated
public class PatientResource {
    private final SecurityIdentity identity;
    private final AuditLog audit;
    private final Event<PatientCorrected> corrected;

    public PatientResource(SecurityIdentity identity, AuditLog audit, Event<PatientCorrected> corrected) {
        this.identity = identity;
        this.audit = audit;
        this.corrected = corrected;
    }

    /** Search by MRN prefix or by a part of the name; at most 50, ordered by family name. */
    @GET
    public List<PatientView> search(@QueryParam("q") String q) {
        Sort sort = Sort.by("familyName").and("givenName");
        if (q == null || q.isBlank()) {
            return Patient.<Patient>findAll(sort).page(Page.ofSize(50)).list().stream().map(PatientView::of).toList();
        }
        String like = " like ?1" + Contains.ESCAPE;
        return Patient.<Patient>find("lower(mrn)" + like + " or lower(givenName)" + like + " or lower(familyName)" + like
                        + " or lower(concat(givenName, ' ', familyName))" + like, sort, Contains.pattern(q))
                .page(Page.ofSize(50)).list().stream().map(PatientView::of).toList();
    }

    @GET
    @Path("/{id}")
    public PatientView get(@PathParam("id") long id) {
        return PatientView.of(find(id));
    }

    @POST
    @Transactional
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Response create(@Valid @NotNull NewPatient body) {
        if (Patient.findByMrn(body.mrn()) != null) {
            throw ProblemException.conflict("A patient with MRN " + body.mrn() + " already exists");
        }
        Patient p = new Patient();
        p.mrn = body.mrn();
        p.givenName = body.givenName().trim();
        p.familyName = body.familyName().trim();
        p.birthDate = body.birthDate();
        p.weightKg = StoredDecimal.of(body.weightKg(), Patient.WEIGHT_DECIMALS);
        p.createdAt = RecordClock.now();
        p.createdBy = identity.getPrincipal().getName();
        p.persist();
        return Response.created(URI.create("/api/patients/" + p.id)).entity(PatientView.of(p)).build();
    }

    /**
     * Corrects a patient's details (a misspelt name, a mistyped MRN or birth date) with the whole record, as created.
     * Readings, sessions and alerts stay the patient's; a device feed matches the corrected MRN from now on. The audit
     * trail keeps each changed field's old and new value.
     */
    @PUT
    @Path("/{id}")
    @Transactional
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public PatientView correct(@PathParam("id") long id, @Valid @NotNull NewPatient body) {
        Patient p = find(id);
        Patient holder = Patient.findByMrn(body.mrn());
        if (holder != null && !holder.id.equals(p.id)) {
            throw ProblemException.conflict("A patient with MRN " + body.mrn() + " already exists");
        }
        List<String> changes = new ArrayList<>();
        p.mrn = changed("mrn", p.mrn, body.mrn(), changes);
        p.givenName = changed("givenName", p.givenName, body.givenName().trim(), changes);
        p.familyName = changed("familyName", p.familyName, body.familyName().trim(), changes);
        p.birthDate = changed("birthDate", p.birthDate, body.birthDate(), changes);
        BigDecimal weightKg = StoredDecimal.of(body.weightKg(), Patient.WEIGHT_DECIMALS);
        // compareTo, not equals: 70 and 70.0 kg are the same weight
        if (p.weightKg == null ? weightKg != null : weightKg == null || p.weightKg.compareTo(weightKg) != 0) {
            changes.add("weightKg: " + p.weightKg + " -> " + weightKg);
            p.weightKg = weightKg;
        }
        if (!changes.isEmpty()) {
            audit.record(identity.getPrincipal().getName(), "UPDATE", "patient", p.id, String.join("; ", changes));
            corrected.fire(new PatientCorrected(p.id));
        }
        return PatientView.of(p);
    }

    private static <T> T changed(String field, T before, T after, List<String> changes) {
        if (!Objects.equals(before, after)) {
            changes.add(field + ": " + before + " -> " + after);
        }
        return after;
    }

    private static Patient find(long id) {
        Patient p = Patient.findById(id);
        if (p == null) {
            throw ProblemException.notFound("patient", id);
        }
        return p;
    }
}
