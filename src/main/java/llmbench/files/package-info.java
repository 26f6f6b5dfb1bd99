/**
 * File writing that client and reference server share: {@link llmbench.files.AtomicFiles} (temp file and
 * rename, so a reader never sees half a file). Depends on nothing else in the project.
 */
package llmbench.files;
