package io.github.zero4j.rest;

/**
 * The methods a route may be registered for: go-zero's set (rest/types.go). A request with any
 * other method never reaches a handler: it is answered 405 when its path exists under a registered
 * method, else 404.
 */
public enum HttpMethod {
  GET,
  HEAD,
  POST,
  PUT,
  PATCH,
  DELETE,
  OPTIONS
}
