package org.chairside.security;

import java.util.Locale;

/** Whether a request to the login address can be a login form, from its method and headers alone. */
final class LoginFormCheck {
    enum Verdict { FORM, NOT_POST, NOT_A_FORM, TOO_LARGE, EMPTY }

    private LoginFormCheck() {
    }

    /**
     * @param ended whether the request has no body left to read (a POST without one arrives already ended)
     * @param contentLength the header as sent, or null (a chunked upload); a value that is not a number counts as absent,
     *                      since the HTTP server refuses it before this runs
     */
    static Verdict check(String method, String contentType, String contentLength, boolean ended, int maxBytes) {
        if (!"POST".equals(method)) {
            return Verdict.NOT_POST;
        }
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/x-www-form-urlencoded") && !type.equals("multipart/form-data")) {
            return Verdict.NOT_A_FORM;
        }
        long length = length(contentLength);
        if (length > maxBytes) {
            return Verdict.TOO_LARGE;
        }
        if (ended || length == 0) {
            return Verdict.EMPTY;
        }
        return Verdict.FORM;
    }

    private static long length(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
