package org.chairside.history;

import java.time.Instant;
import java.util.List;

/**
 * One page of a history search; {@code total} counts every match, not just this page. {@code asOf}: the instant the
 * matches are those of; a client asks for the search's next pages with it, so that they list the same matches.
 */
public record SessionPage(List<SessionSummary> items, int page, int size, long total, int totalPages, Instant asOf) {
}
