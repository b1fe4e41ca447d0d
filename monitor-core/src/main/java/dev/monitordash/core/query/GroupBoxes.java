package dev.monitordash.core.query;

import java.util.List;

/**
 * Box plots of the groups a {@link TopN} selection shows (per user, seed fig. 3.2f, 5.6).
 *
 * @param boxes  in the selection's order
 * @param hidden groups with requests in the range that are not shown
 */
public record GroupBoxes(List<BoxPlot> boxes, int hidden) {
}
