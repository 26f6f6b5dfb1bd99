package llmbench.config;

import java.util.function.Function;

/**
 * One {@code -Dname=value} option: its name, the values it takes (type and bounds, as a parser), its default
 * and what it means. The parser gets the value stripped and never empty (an empty value is refused before
 * it is parsed) and throws a {@link BadInputException} whose message names the option. The default is a
 * value string parsed by the same parser, so a default obeys the same bounds; {@code null} means "none"
 * and {@code defaultText} then says what the caller does instead.
 *
 * <p>The option types are {@link OptionTypes}; options are declared with them in {@link Options}.
 */
public final class Option<T> {
    private final String name;
    private final String values;
    private final String defaultValue;
    private final String defaultText;
    private final String help;
    private final Function<String, T> parser;
    private final boolean readsFiles;

    Option(String name, String values, String defaultValue, String defaultText, String help,
           Function<String, T> parser) {
        this(name, values, defaultValue, defaultText, help, parser, false);
    }

    Option(String name, String values, String defaultValue, String defaultText, String help,
           Function<String, T> parser, boolean readsFiles) {
        this.name = name;
        this.values = values;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.help = help;
        this.parser = parser;
        this.readsFiles = readsFiles;
    }

    /**
     * Whether checking a value looks at the file system (a relative path depends on the working directory,
     * which differs between Maven's JVM and the Gatling JVM it forks).
     */
    public boolean readsFiles() {
        return readsFiles;
    }

    public String name() {
        return name;
    }

    /** What values it takes, e.g. "whole number ≥ 1" (the README table's "values" column). */
    public String values() {
        return values;
    }

    /** The default as a value string, or null when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The default as the README shows it. */
    public String defaultText() {
        return defaultText;
    }

    public String help() {
        return help;
    }

    /** Parses a given (stripped, non-empty) value; a bad value is a {@link BadInputException}. */
    public T parse(String raw) {
        return parser.apply(raw);
    }

    /** The same option with a default that is described rather than a value (computed by the caller). */
    public Option<T> describedDefault(String text) {
        return new Option<>(name, values, null, text, help, parser, readsFiles);
    }

    /** The same option with its parsed value converted. */
    <R> Option<R> map(Function<T, R> f) {
        return new Option<>(name, values, defaultValue, defaultText, help, parser.andThen(f), readsFiles);
    }
}
