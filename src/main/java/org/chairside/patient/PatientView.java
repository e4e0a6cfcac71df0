package org.chairside.patient;

import java.math.BigDecimal;
import java.time.LocalDate;

public record PatientView(Long id, String mrn, String givenName, String familyName, LocalDate birthDate, BigDecimal weightKg) {
    public static PatientView of(Patient p) {
        return new PatientView(p.id, p.mrn, p.givenName, p.familyName, p.birthDate, p.weightKg);
    }
}
