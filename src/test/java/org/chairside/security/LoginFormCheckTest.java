package org.chairside.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which requests to the login address can be a login form, and what the others are told. */
class LoginFormCheckTest {

    @ParameterizedTest(name = "{0} {1} length={2} ended={3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            "POST, application/x-www-form-urlencoded,                 40,   false, FORM",
            "POST, application/x-www-form-urlencoded; charset=UTF-8,  40,   false, FORM",
            "POST, APPLICATION/X-WWW-FORM-URLENCODED,                 40,   false, FORM",
            "POST, multipart/form-data; boundary=x,                   400,  false, FORM",
            "POST, application/x-www-form-urlencoded,                 null, false, FORM",
            "POST, application/x-www-form-urlencoded,                 2048, false, FORM",
            "POST, application/x-www-form-urlencoded,                 2049, false, TOO_LARGE",
            "POST, application/x-www-form-urlencoded,                 0,    true,  EMPTY",
            "POST, application/x-www-form-urlencoded,                 null, true,  EMPTY",
            "POST, application/x-www-form-urlencoded,                 0,    false, EMPTY",
            "POST, application/x-www-form-urlencoded,                 abc,  false, FORM",
            "POST, application/json,                                  20,   false, NOT_A_FORM",
            "POST, text/plain,                                        20,   false, NOT_A_FORM",
            "POST, null,                                              0,    true,  NOT_A_FORM",
            "POST, '',                                                0,    true,  NOT_A_FORM",
            "GET,  null,                                              null, true,  NOT_POST",
            "PUT,  application/x-www-form-urlencoded,                 40,   false, NOT_POST",
            "HEAD, null,                                              null, true,  NOT_POST",
    })
    void sortsTheRequest(String method, String contentType, String contentLength, boolean ended, LoginFormCheck.Verdict expected) {
        assertEquals(expected, LoginFormCheck.check(method, contentType, contentLength, ended, 2048));
    }
}
