package org.chairside.security;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a request that may change the record comes from Chairside's own page (or from a client that is not a
 * browser), judged by the headers a browser sets itself and a page cannot forge.
 *
 * <p>The login cookie is {@code SameSite=Strict}, but that stops only other sites: a page served from another port or
 * another host of the clinic's domain is the same "site" and its forms carry the cookie; and a browser that once
 * answered the Basic dialog (opening {@code /api/board} by hand, say) sends those credentials to any site's form. A form
 * posting {@code text/plain} to the HL7 endpoint, or a bodiless POST acknowledging an alert, needs no script and no
 * permission from this server. So an unsafe request is refused when the browser says it came from elsewhere
 * ({@code Sec-Fetch-Site}), or, from a browser too old to say, when its {@code Origin} is not this server. Clients that
 * are not browsers (curl, device gateways, scripts) send neither header and are not affected.
 */
final class CrossSiteCheck {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private CrossSiteCheck() {
    }

    /**
     * @param secFetchSite  the {@code Sec-Fetch-Site} header, or null
     * @param origin        the {@code Origin} header, or null
     * @param hosts         the host (and port) this request was addressed to: the {@code Host} header, and behind a
     *                      proxy its {@code X-Forwarded-Host}; nulls are ignored
     */
    static boolean allowed(String method, String secFetchSite, String origin, String... hosts) {
        if (method == null || SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return true;
        }
        if (secFetchSite != null) {
            String site = secFetchSite.trim().toLowerCase(Locale.ROOT);
            // "none": the user's own action (typed address, bookmark), not another page's.
            return site.equals("same-origin") || site.equals("none");
        }
        if (origin == null) {
            return true;
        }
        String originHost = hostOf(origin.trim());
        if (originHost == null) {
            // "null" (a sandboxed frame, a file) or nothing readable: no page of this server sends that.
            return false;
        }
        for (String host : hosts) {
            if (host != null && originHost.equals(normalise(host.trim(), scheme(origin.trim())))) {
                return true;
            }
        }
        return false;
    }

    private static String scheme(String origin) {
        int colon = origin.indexOf("://");
        return colon < 0 ? "" : origin.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** The origin's host and port, the default port of its scheme written out; null if it is no URL with a host. */
    private static String hostOf(String origin) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return null;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme().toLowerCase(Locale.ROOT));
            return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String normalise(String host, String scheme) {
        String h = host.toLowerCase(Locale.ROOT);
        // "[::1]:8080", "host:8080", "host"
        int close = h.lastIndexOf(']');
        int colon = h.lastIndexOf(':');
        if (colon > close && colon >= 0 && (close >= 0 || h.indexOf(':') == colon)) {
            return h;
        }
        return h + ":" + defaultPort(scheme);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }
}
