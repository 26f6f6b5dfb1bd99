package llmbench.report;

import java.util.List;

/**
 * One of the test plan's key questions, answered in words with the numbers, or naming the run that is missing.
 *
 * @param answered false when the data cannot answer; {@code text} then says which run is missing
 * @param sources  the files the numbers came from
 */
public record Answer(String topic, String question, String text, boolean answered, List<String> sources) {

    static Answer of(String topic, String question, String text, List<ResultFile> sources) {
        return new Answer(topic, question, text, true, sources.stream().map(ResultFile::fileName).toList());
    }

    static Answer missing(String topic, String question, String what) {
        return new Answer(topic, question, "Cannot answer: " + what + ".", false, List.of());
    }
}
