package org.chairside.security;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every answer of the API is a piece of a patient's record (or of who may read one), and the board's screens are shared
 * workstations: nothing of it may stay in a browser's cache, on its disk, or in a proxy's after the page has gone or
 * its user has logged out. The dashboard's own files are cached on purpose ({@code DashboardAssets}); the live stream
 * is not a REST resource and sets its own.
 */
public class NoStoredRecords {

    @ServerResponseFilter
    public void noStore(ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
