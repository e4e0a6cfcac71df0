package org.chairside.problem;

import java.util.List;

/** Thrown by services for a request that cannot be carried out; becomes a problem+json response. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String title, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = violations;
    }

    public static ProblemException invalid(List<Violation> violations) {
        return new ProblemException(422, "Invalid input",
                violations.size() == 1 ? violations.get(0).field() + " " + violations.get(0).rule()
                        : violations.size() + " fields break the input rules", List.copyOf(violations));
    }

    public static ProblemException invalid(String field, String rule) {
        return invalid(List.of(new Violation(field, rule)));
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not found", "No " + what + " with id " + id, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null);
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), violations);
    }
}
