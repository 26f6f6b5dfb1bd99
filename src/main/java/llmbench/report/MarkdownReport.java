package llmbench.report;

import java.util.List;
import llmbench.report.Block.Cell;

/** Renders the blocks as Markdown, the page's twin: same answers, same tables, charts named with their data source. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block b : blocks) {
            if (b instanceof Block.Heading h) {
                out.append('\n').append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Block.Para p) {
                out.append(p.text()).append("\n\n");
            } else if (b instanceof Block.AnswerBlock ab) {
                answer(out, ab.answer());
            } else if (b instanceof Block.Table t) {
                table(out, t);
            } else if (b instanceof Block.ChartBlock cb) {
                Chart c = cb.chart();
                out.append("- **").append(c.title()).append("**: ")
                        .append(c.option() == null ? "no data: " + c.missing() + "." : c.caption() + " (see index.html)")
                        .append('\n');
            }
        }
        return out.toString().stripLeading().replaceAll("\n{3,}", "\n\n");
    }

    private static void answer(StringBuilder out, Answer a) {
        out.append("- **").append(a.topic()).append("** — ").append(a.question()).append("  \n  ").append(a.text());
        if (!a.sources().isEmpty()) {
            out.append(" _(from ").append(String.join(", ", a.sources())).append(")_");
        }
        out.append('\n');
    }

    private static void table(StringBuilder out, Block.Table t) {
        out.append('|');
        t.headers().forEach(h -> out.append(' ').append(cell(h)).append(" |"));
        out.append("\n|");
        t.headers().forEach(h -> out.append("---|"));
        out.append('\n');
        for (List<Cell> row : t.rows()) {
            out.append('|');
            for (Cell c : row) {
                out.append(' ').append(c.href() == null ? cell(c.text()) : "[" + cell(c.text()) + "](" + c.href() + ")")
                        .append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
