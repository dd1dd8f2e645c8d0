/**
 * go-zero's {@code httpx}: binding request values into records ({@link
 * io.github.zero4j.rest.httpx.Binder} and its annotations), and the error and ok handlers that
 * shape every response body.
 */
@NullMarked
package io.github.zero4j.rest.httpx;

import org.jspecify.annotations.NullMarked;
