/**
 * What the test run itself tells the person who started it: a skipped or aborted test (a missing tool such as
 * shellcheck or chromium) prints its reason on the console, where surefire's summary would otherwise only count
 * it and keep the reason in its XML files. Registered for every run through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
package llmbench.testreport;
