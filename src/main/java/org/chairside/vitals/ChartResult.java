package org.chairside.vitals;

import java.util.List;

import org.chairside.alerts.AlertView;

/** The answer to a charting: the stored reading and the alerts it raised, updated or resolved. */
public record ChartResult(ReadingView reading, List<AlertView> alerts) {

    static ChartResult of(ChartingService.Charted c) {
        return new ChartResult(ReadingView.of(c.readings().get(0)), c.alerts().stream().map(AlertView::of).toList());
    }
}
