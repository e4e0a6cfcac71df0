package org.chairside.interop;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.idgenerator.NanoTimeGenerator;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import org.chairside.patient.Patient;
import org.chairside.problem.ProblemException;
import org.chairside.recliner.Recliner;
import org.chairside.session.InfusionSession;
import org.chairside.vitals.ChartingQueue;
import org.chairside.vitals.ChartingService;
import org.chairside.vitals.Source;

/**
 * Handles one HL7 v2 message, from HTTP or MLLP alike: parses it (any 2.x version, read as 2.5), finds the
 * patient and session, charts its readings through the one write path and answers with an ACK: AA when stored,
 * AE (application error) or AR (rejected message) with the reason in MSA-3 and ERR. A refused message stores nothing.
 */
@ApplicationScoped
public class Hl7Service {
    private static final Logger LOG = Logger.getLogger(Hl7Service.class);
    private static final Pattern MSH10 = Pattern.compile("^MSH(.)(?:[^\\r\\n]*?\\1){8}([^\\r\\n]*?)(?:\\1|\\r|\\n|$)");

    private final ChartingQueue queue;
    private final HapiContext hapi;
    private final PipeParser parser;
    private final OruMapper mapper;

    public Hl7Service(ChartingQueue queue, Config config,
                      @ConfigProperty(name = "chairside.hl7.zone") Optional<String> zone,
                      @ConfigProperty(name = "chairside.hl7.assigning-authority") Optional<String> authority) {
        this.queue = queue;
        this.hapi = new DefaultHapiContext();
        // Monitors send 2.3 to 2.6; all are read with the 2.5 structures, leniently (vendors bend the rules).
        hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        // HAPI's default numbers ACKs from a file "id_file" in the working directory; a clock-based id needs no file.
        hapi.getParserConfiguration().setIdGenerator(new NanoTimeGenerator());
        this.parser = hapi.getPipeParser();
        this.mapper = new OruMapper(new Hl7Codes(codeOverrides(config)), zone.map(ZoneId::of).orElse(ZoneId.systemDefault()), authority);
    }

    /** chairside.hl7.codes."150301"=SYSTOLIC -> {150301: SYSTOLIC}. */
    static Map<String, String> codeOverrides(Config config) {
        Map<String, String> out = new LinkedHashMap<>();
        String prefix = "chairside.hl7.codes.";
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                String code = name.substring(prefix.length()).replace("\"", "");
                config.getOptionalValue(name, String.class).ifPresent(v -> out.put(code, v));
            }
        }
        return out;
    }

    /** The answer: the ACK code, the encoded ACK and the HTTP status that goes with it. */
    /**
     * A refused charting as the ACK gives it. What is wrong with the content is AE: sent again unchanged it fails
     * again. A full charting queue (503) is AR, "rejected, try again": a gateway that took it for AE would drop the
     * message, and its readings would be lost.
     */
    record Refusal(AcknowledgmentCode code, ErrorCode error, int httpStatus) {
        static Refusal of(int chartingStatus) {
            return switch (chartingStatus) {
                case 503 -> new Refusal(AcknowledgmentCode.AR, ErrorCode.APPLICATION_INTERNAL_ERROR, 503);
                case 409 -> new Refusal(AcknowledgmentCode.AE, ErrorCode.APPLICATION_RECORD_LOCKED, 422);
                default -> new Refusal(AcknowledgmentCode.AE, ErrorCode.DATA_TYPE_ERROR, 422);
            };
        }
    }

    public record Answer(AcknowledgmentCode code, String ack, int httpStatus) {
    }

    public Answer handle(String raw, String actor) {
        String er7 = normalize(raw);
        Message msg;
        try {
            msg = parser.parse(er7);
        } catch (HL7Exception | RuntimeException e) {
            return reject(er7, "The message cannot be parsed as HL7 v2 (ER7): " + firstLine(e.getMessage()));
        }
        try {
            if (!(msg instanceof ORU_R01 oru)) {
                return ack(msg, AcknowledgmentCode.AR, ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
                        "Unsupported message type " + type(msg) + ": send ORU^R01", 400);
            }
            OruMapper.Content c = mapper.map(oru);
            if (!c.errors().isEmpty()) {
                return ack(msg, AcknowledgmentCode.AE, ErrorCode.DATA_TYPE_ERROR, String.join("; ", c.errors()), 422);
            }
            Long sessionId;
            try {
                sessionId = QuarkusTransaction.requiringNew().call(() -> session(c));
            } catch (ProblemException e) {
                return ack(msg, AcknowledgmentCode.AE, ErrorCode.UNKNOWN_KEY_IDENTIFIER, e.getMessage(), 422);
            }
            try {
                // in the writer's next group, with other monitors' messages and nurses' entries: they share its commit
                ChartingService.Charted charted = queue.chartAndWait(new ChartingService.Entry(sessionId, c.readings(), Source.HL7, actor, "readings"));
                String text = "Stored " + charted.readings().size() + " reading(s) for session " + sessionId
                        + (charted.duplicates() > 0 ? "; " + charted.duplicates() + " already stored" : "");
                return ack(msg, AcknowledgmentCode.AA, null, text, 200);
            } catch (ProblemException e) {
                String why = e.toProblem().violations() == null ? e.getMessage()
                        : e.toProblem().violations().stream().map(v -> describe(v.field(), c) + " " + v.rule()).reduce((a, b) -> a + "; " + b).orElse(e.getMessage());
                Refusal r = Refusal.of(e.status());
                return ack(msg, r.code(), r.error(), why, r.httpStatus());
            }
        } catch (HL7Exception e) {
            return reject(er7, "The message cannot be read: " + firstLine(e.getMessage()));
        }
    }

    /**
     * The patient's open session; the recliner in PV1-3 chooses when it names one. A monitor sends every few seconds,
     * so the usual case (the patient, open in the recliner named) is one query; the others look further only to say
     * what is wrong.
     */
    private static Long session(OruMapper.Content c) {
        List<Object[]> rows = Patient.getEntityManager().createQuery("select p.id, s.id, r.name from Patient p"
                        + " left join InfusionSession s on s.patient = p and s." + InfusionSession.OPEN
                        + " left join Recliner r on r.id = s.openReclinerId where p.mrn = ?1", Object[].class)
                .setParameter(1, c.mrn()).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("patient", "MRN " + c.mrn() + " (PID-3)");
        }
        Map<String, Long> openByRecliner = new HashMap<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                openByRecliner.put((String) row[2], (Long) row[1]);
            }
        }
        for (String loc : c.locations()) {
            Long mine = openByRecliner.get(loc);
            if (mine != null) {
                return mine;
            }
            Recliner r = Recliner.findByName(loc);
            if (r != null) {
                boolean occupied = InfusionSession.count("openReclinerId", r.id) > 0;
                throw ProblemException.conflict(occupied
                        ? "Recliner " + loc + " (PV1-3) holds another patient's session, not MRN " + c.mrn()
                        : "Recliner " + loc + " (PV1-3) has no open session");
            }
        }
        if (openByRecliner.isEmpty()) {
            throw ProblemException.conflict("Patient MRN " + c.mrn() + " has no open session");
        }
        if (openByRecliner.size() > 1) {
            throw ProblemException.conflict("Patient MRN " + c.mrn() + " has " + openByRecliner.size() + " open sessions; name the recliner in PV1-3");
        }
        return openByRecliner.values().iterator().next();
    }

    private static String describe(String field, OruMapper.Content c) {
        Matcher m = Pattern.compile("readings\\[(\\d+)]\\.(.*)").matcher(field);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            return m.group(2) + " at " + (i < c.readings().size() ? c.readings().get(i).takenAt() : "?");
        }
        return field;
    }

    private Answer ack(Message msg, AcknowledgmentCode code, ErrorCode error, String text, int status) throws HL7Exception {
        String clipped = text.length() > 80 * 10 ? text.substring(0, 797) + "..." : text;
        Message ack;
        try {
            ack = error == null ? msg.generateACK() : msg.generateACK(code, new HL7Exception(clipped, error));
        } catch (java.io.IOException e) {
            throw new HL7Exception(e);
        }
        Terser t = new Terser(ack);
        t.set("MSA-1", code.name());
        t.set("MSA-3", clipped.length() > 80 ? clipped.substring(0, 77) + "..." : clipped);
        if (error != null) {
            t.set("ERR-8", clipped);
        }
        if (code != AcknowledgmentCode.AA) {
            LOG.infof("HL7 message %s answered %s", msg instanceof ORU_R01 o ? o.getMSH().getMessageControlID().getValue() : "?", code);
        }
        return new Answer(code, ack.encode(), status);
    }

    /** An AR for a message that could not be parsed: built from scratch, echoing MSH-10 when it can be found. */
    private Answer reject(String er7, String text) {
        try {
            ACK ack = hapi.newMessage(ACK.class);
            ack.initQuickstart("ACK", null, "P");
            Matcher m = MSH10.matcher(er7);
            String controlId = m.find() ? m.group(2) : "";
            Terser t = new Terser(ack);
            t.set("MSH-3", "CHAIRSIDE");
            t.set("MSA-1", AcknowledgmentCode.AR.name());
            t.set("MSA-2", controlId);
            t.set("MSA-3", text.length() > 80 ? text.substring(0, 77) + "..." : text);
            t.set("ERR-3-1", String.valueOf(ErrorCode.SEGMENT_SEQUENCE_ERROR.getCode()));
            t.set("ERR-4", "E");
            t.set("ERR-8", text);
            return new Answer(AcknowledgmentCode.AR, ack.encode(), 400);
        } catch (HL7Exception | java.io.IOException e) {
            throw new IllegalStateException("Cannot build an HL7 ACK", e);
        }
    }

    private static String type(Message msg) {
        try {
            Terser t = new Terser(msg);
            return t.get("MSH-9-1") + "^" + t.get("MSH-9-2");
        } catch (HL7Exception e) {
            return msg.getName();
        }
    }

    /** Segments end with CR in HL7; files and HTTP clients often use LF or CRLF. MLLP framing is removed. */
    static String normalize(String raw) {
        String s = raw.replace("\u000b", "").replace("\u001c", "");
        s = s.replace("\r\n", "\r").replace('\n', '\r').strip();
        List<String> segments = new ArrayList<>();
        for (String seg : s.split("\r")) {
            if (!seg.isBlank()) {
                segments.add(seg);
            }
        }
        return String.join("\r", segments) + "\r";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String line = s.lines().findFirst().orElse(s);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
