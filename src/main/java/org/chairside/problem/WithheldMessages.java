package org.chairside.problem;

/**
 * What a logged failure may say. A database's error message quotes the values of the statement it refused (an MRN in
 * a unique-key violation), and every exception that wraps it repeats that message: such a failure is logged with its
 * types and stack frames only.
 */
public final class WithheldMessages {
    private WithheldMessages() {
    }

    /** Whether any exception in the chain comes from the database. */
    public static boolean fromDatabase(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The same chain of types and stack frames, every message replaced by a note that it was withheld. */
    public static Throwable withhold(Throwable thrown) {
        if (thrown == null) {
            return null;
        }
        Throwable cause = thrown.getCause() == thrown ? null : withhold(thrown.getCause());
        Withheld copy = new Withheld(thrown.getClass().getName(), cause);
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    /** Stands in for a logged exception whose message was withheld; its text names the original type. */
    static final class Withheld extends RuntimeException {
        Withheld(String type, Throwable cause) {
            super(null, cause, false, true);
            this.type = type;
        }

        private final String type;

        @Override
        public String toString() {
            return type + " (message withheld: it can quote patient data)";
        }
    }
}
