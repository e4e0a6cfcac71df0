package org.chairside.interop;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** The one FhirContext (expensive to create, thread-safe) and fresh parsers from it (parsers are not thread-safe). */
@ApplicationScoped
public class FhirSupport {
    public static final String FHIR_JSON = "application/fhir+json";

    private volatile FhirContext context;

    public FhirContext context() {
        FhirContext c = context;
        if (c == null) {
            synchronized (this) {
                if (context == null) {
                    context = FhirContext.forR4();
                }
                c = context;
            }
        }
        return c;
    }

    /** A strict parser: unknown elements and malformed values are errors, not warnings. */
    public IParser strictJson() {
        return context().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    public IParser json() {
        return context().newJsonParser().setPrettyPrint(false);
    }
}
