package llmbench.report;

import java.util.List;

/** The page as a list of blocks, rendered once as HTML and once as Markdown so the two carry the same numbers. */
sealed interface Block {

    record Heading(int level, String text, String anchor) implements Block {
    }

    record Para(String text) implements Block {
    }

    /** A key-question answer: topic, question, answer text, sources. */
    record AnswerBlock(Answer answer) implements Block {
    }

    record Table(List<String> headers, List<List<Cell>> rows) implements Block {
    }

    record ChartBlock(Chart chart) implements Block {
    }

    /** A table cell; {@code href} null for plain text. */
    record Cell(String text, String href) {
        static Cell of(String text) {
            return new Cell(text, null);
        }
    }
}
