/**
 * JWT authentication for route groups: go-zero's {@code WithJwt} / {@code WithJwtTransition} over
 * auth0's java-jwt.
 */
@NullMarked
package io.github.zero4j.rest.jwt;

import org.jspecify.annotations.NullMarked;
