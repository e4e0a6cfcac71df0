package org.chairside.patient;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "patient")
public class Patient extends PanacheEntity {
    /** The scale of weight_kg numeric(5,1): see {@link org.chairside.validation.StoredDecimal}. */
    public static final int WEIGHT_DECIMALS = 1;

    /** Medical record number: the clinic's identifier, unique, and what monitors send in PID-3. */
    public String mrn;
    public String givenName;
    public String familyName;
    public LocalDate birthDate;
    public BigDecimal weightKg;
    public Instant createdAt;
    public String createdBy;

    public static Patient findByMrn(String mrn) {
        return find("mrn", mrn).firstResult();
    }
}
