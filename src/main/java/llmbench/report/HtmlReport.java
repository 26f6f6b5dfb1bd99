package llmbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import llmbench.report.Block.Cell;

/**
 * Renders the blocks as one self-contained HTML page: ECharts' minified bundle (from the
 * {@code org.webjars.npm:echarts} jar) is inlined, so the page makes no network fetch. After rendering, the
 * page's script sets {@code data-charts-ready} on {@code <body>} to the number of charts drawn with data
 * (and {@code data-charts-expected}, {@code data-charts-empty}), which the browser test reads.
 */
public final class HtmlReport {
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlReport() {
    }

    public static String render(List<Block> blocks) {
        StringBuilder body = new StringBuilder();
        ArrayNode charts = JSON.createArrayNode();
        boolean inAnswers = false;
        boolean inCharts = false;
        for (Block b : blocks) {
            boolean answer = b instanceof Block.AnswerBlock;
            boolean chart = b instanceof Block.ChartBlock;
            if (inAnswers && !answer) {
                body.append("</div>\n");
            }
            if (inCharts && !chart) {
                body.append("</div>\n");
            }
            if (answer && !inAnswers) {
                body.append("<div class=\"answers\">\n");
            }
            if (chart && !inCharts) {
                body.append("<div class=\"charts\">\n");
            }
            inAnswers = answer;
            inCharts = chart;
            if (b instanceof Block.Heading h) {
                body.append("<h").append(h.level()).append(" id=\"").append(esc(h.anchor()))
                        .append("\">").append(esc(h.text())).append("</h").append(h.level()).append(">\n");
            } else if (b instanceof Block.Para p) {
                body.append("<p class=\"para\">").append(esc(p.text())).append("</p>\n");
            } else if (b instanceof Block.AnswerBlock a) {
                answer(body, a.answer());
            } else if (b instanceof Block.Table t) {
                table(body, t);
            } else if (b instanceof Block.ChartBlock c) {
                chart(body, charts, c.chart());
            }
        }
        if (inAnswers || inCharts) {
            body.append("</div>\n");
        }
        String title = blocks.stream().filter(b -> b instanceof Block.Heading).map(b -> ((Block.Heading) b).text())
                .findFirst().orElse("report");
        String chartJson;
        try {
            chartJson = JSON.writeValueAsString(charts).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return template().replace("{{TITLE}}", esc(title)).replace("{{BODY}}", body)
                .replace("{{CHARTS}}", chartJson).replace("{{ECHARTS}}", echarts());
    }

    private static void chart(StringBuilder out, ArrayNode charts, Chart ch) {
        if (ch.option() == null) {
            out.append("<div class=\"chart-box missing\"><b>").append(esc(ch.title()))
                    .append("</b><p>No data: ").append(esc(ch.missing())).append(".</p></div>\n");
        } else {
            out.append("<div class=\"chart-box\"><div class=\"chart\" id=\"chart-").append(ch.id())
                    .append("\"></div><p class=\"caption\">").append(esc(ch.caption())).append("</p></div>\n");
            charts.addObject().put("id", ch.id()).set("option", ch.option());
        }
    }

    private static void answer(StringBuilder out, Answer a) {
        out.append("<div class=\"answer").append(a.answered() ? "" : " missing").append("\"><div class=\"topic\">")
                .append(esc(a.topic())).append("</div><div class=\"question\">").append(esc(a.question()))
                .append("</div><div class=\"text\">").append(esc(a.text())).append("</div>");
        if (!a.sources().isEmpty()) {
            out.append("<div class=\"sources\">from ").append(esc(String.join(", ", a.sources()))).append("</div>");
        }
        out.append("</div>\n");
    }

    private static void table(StringBuilder out, Block.Table t) {
        out.append("<table><thead><tr>");
        t.headers().forEach(h -> out.append("<th>").append(esc(h)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (List<Cell> row : t.rows()) {
            out.append("<tr>");
            for (Cell c : row) {
                out.append("<td>");
                if (c.href() != null) {
                    out.append("<a href=\"").append(esc(c.href())).append("\">").append(esc(c.text())).append("</a>");
                } else {
                    out.append(esc(c.text()));
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String template() {
        return resource("/report/page.html");
    }

    static String echarts() {
        return resource(ECHARTS);
    }

    private static String resource(String path) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
