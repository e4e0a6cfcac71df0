package org.chairside.interop;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Looks at every number of a FHIR JSON request before HAPI parses it. HAPI writes each decimal out in full and builds
 * a BigDecimal from those digits, so a value like 1e10000000 holds a request thread for minutes inside the parser,
 * before any element is read. Only the tokens' text is looked at here, which costs no more than reading them. Pure:
 * Jackson's streaming reader only.
 */
final class FhirNumbers {
    private static final JsonFactory JSON = new JsonFactory();

    private FhirNumbers() {
    }

    /** A number too large to read, and where it is (Observation.valueQuantity.value). */
    record Unreadable(String expression, String text) {
    }

    /**
     * The first number of the body no element can need, or null when there is none or the body is no JSON (the
     * FHIR parser then says what is wrong with it).
     *
     * @param root the resource type expected, naming the path's start
     */
    static Unreadable firstUnreadable(String body, String root) {
        try (JsonParser p = JSON.createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isNumeric() && !DeviceNumber.readable(p.getText())) {
                    String text = p.getText();
                    return new Unreadable(root + path(p.getParsingContext()), text.length() <= 40 ? text : text.substring(0, 40) + "...");
                }
            }
        } catch (IOException notJson) {
            return null;
        }
        return null;
    }

    private static String path(JsonStreamContext c) {
        StringBuilder out = new StringBuilder();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            out.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        return out.toString();
    }
}
