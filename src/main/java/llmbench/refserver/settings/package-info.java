/**
 * The reference server's settings, one declaration per command-line flag:
 * {@link llmbench.refserver.settings.ReferenceServerConfig} (the server's own) and
 * {@link llmbench.refserver.settings.EngineSettings} (the engine's, mixed in). picocli sets the fields, from
 * the command line or from {@code withFlags(...)}; each class checks its values once.
 */
package llmbench.refserver.settings;
