/**
 * The path router: one tree per method over {@code /}-separated segments, with {@code :name}
 * parameters and {@code *name} catch-alls, go-zero's cleaning and 404/405 rules. Pure code; {@link
 * io.github.zero4j.rest.RestServer} builds one from its routes.
 */
@NullMarked
package io.github.zero4j.rest.router;

import org.jspecify.annotations.NullMarked;
