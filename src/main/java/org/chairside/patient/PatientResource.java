package org.chairside.patient;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.chairside.audit.RecordClock;
import org.chairside.problem.ProblemException;
import org.chairside.security.Roles;

@Path("/api/patients")
@Authenticated
public class PatientResource {
    private final SecurityIdentity identity;

    public PatientResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Search by MRN prefix or by a part of the name; at most 50, ordered by family name. */
    @GET
    public List<PatientView> search(@QueryParam("q") String q) {
        Sort sort = Sort.by("familyName").and("givenName");
        if (q == null || q.isBlank()) {
            return Patient.<Patient>findAll(sort).page(Page.ofSize(50)).list().stream().map(PatientView::of).toList();
        }
        String like = "%" + q.trim().toLowerCase().replace("%", "").replace("_", "") + "%";
        return Patient.<Patient>find("lower(mrn) like ?1 or lower(givenName) like ?1 or lower(familyName) like ?1 "
                        + "or lower(concat(givenName, ' ', familyName)) like ?1", sort, like)
                .page(Page.ofSize(50)).list().stream().map(PatientView::of).toList();
    }

    @GET
    @Path("/{id}")
    public PatientView get(@PathParam("id") long id) {
        Patient p = Patient.findById(id);
        if (p == null) {
            throw ProblemException.notFound("patient", id);
        }
        return PatientView.of(p);
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
        p.weightKg = body.weightKg();
        p.createdAt = RecordClock.now();
        p.createdBy = identity.getPrincipal().getName();
        p.persist();
        return Response.created(URI.create("/api/patients/" + p.id)).entity(PatientView.of(p)).build();
    }
}
