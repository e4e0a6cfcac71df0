package org.chairside.history;

import java.util.List;

/** One page of a history search; {@code total} counts every match, not just this page. */
public record SessionPage(List<SessionSummary> items, int page, int size, long total, int totalPages) {
}
