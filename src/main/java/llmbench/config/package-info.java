/**
 * Run options. Every {@code -Dname=value} the suite understands is declared once (name, values, default,
 * meaning) in {@link llmbench.config.Options}, which the README's option table is generated from;
 * {@link llmbench.config.BenchOptions} reads them and checks every given key before a run starts (unknown
 * keys of our namespaces, empty values, bounds). A bad value becomes a {@link llmbench.config.BadInputException}
 * whose message is the single line the user sees.
 */
package llmbench.config;
