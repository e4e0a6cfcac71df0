package org.chairside.patient;

/**
 * A patient's details were corrected, inside the correcting transaction: the session the patient sits in now, if
 * any, is announced again so every board shows the corrected name and MRN.
 */
public record PatientCorrected(long patientId) {
}
