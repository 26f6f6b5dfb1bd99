/**
 * Run options. Every {@code -Dname=value} the suite understands is declared, defaulted and validated in
 * {@link llmbench.config.BenchOptions}, so the README's option table and the code have one source; a bad
 * value becomes a {@link llmbench.config.BadInputException} whose message is the single line the user sees.
 */
package llmbench.config;
