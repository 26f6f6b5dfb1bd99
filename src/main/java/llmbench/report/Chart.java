package llmbench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One chart of the page: an ECharts option, or, when the data has nothing to plot, the run that is missing.
 *
 * @param option  null when {@code missing} is set
 * @param missing what run would fill the chart, null when it has data
 */
public record Chart(String id, String title, String caption, ObjectNode option, String missing) {
}
