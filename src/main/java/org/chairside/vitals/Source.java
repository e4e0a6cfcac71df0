package org.chairside.vitals;

/** Where a reading came from. */
public enum Source {
    MANUAL, CSV, HL7, FHIR, DEVICE, DEMO
}
