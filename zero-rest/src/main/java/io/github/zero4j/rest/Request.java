package io.github.zero4j.rest;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.rest.httpx.Binder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as handlers and middlewares see it: method, target, header fields, the whole
 * body, the path parameters of the matched route, the deadline set by the {@link BuiltIn#TIMEOUT}
 * middleware, and attributes that middlewares add (the JWT check adds the token's claims).
 *
 * <p>Immutable and thread-safe; a middleware passes a changed copy down the chain with {@link
 * #toBuilder()}. Query and form parameters are decoded on first use.
 */
public final class Request {
  private static final byte[] NO_BODY = new byte[0];
  private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

  private final String method;
  private final String uri;
  private final String path;
  private final String rawQuery;
  private final Headers headers;
  private final byte[] body;
  private final String route;
  private final Map<String, String> pathParams;
  private final @Nullable Deadline deadline;
  private final Map<String, Object> attributes;
  private final String remoteAddress;
  private final Binder binder;

  private volatile @Nullable Map<String, List<String>> queryParams;
  private volatile @Nullable Map<String, List<String>> formParams;

  private Request(Builder builder) {
    this.method = builder.method;
    this.uri = builder.uri;
    this.path = builder.path;
    this.rawQuery = builder.rawQuery;
    this.headers = builder.headers != null ? builder.headers.build() : builder.builtHeaders;
    this.body = builder.body;
    this.route = builder.route;
    this.pathParams = builder.pathParams;
    this.deadline = builder.deadline;
    this.attributes = builder.attributes;
    this.remoteAddress = builder.remoteAddress;
    this.binder = builder.binder;
  }

  /** A builder for {@code GET /} with no fields, no body and the default binder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The method as sent, e.g. {@code GET}. */
  public String method() {
    return method;
  }

  /** The request target as sent (go-zero's {@code RequestURI}), e.g. {@code /users/7?full=1}. */
  public String uri() {
    return uri;
  }

  /** The percent-decoded path, as sent (routing matches its cleaned form). */
  public String path() {
    return path;
  }

  /** The query as sent, without the {@code ?}; empty when there is none. */
  public String rawQuery() {
    return rawQuery;
  }

  /** The matched route's pattern, e.g. {@code /users/:id}; empty when no route matched. */
  public String route() {
    return route;
  }

  /**
   * The value of path parameter {@code name} ({@code :name} or {@code *name} in the route).
   *
   * @throws IllegalArgumentException if the matched route has no such parameter
   */
  public String pathParam(String name) {
    String value = pathParams.get(requireNonNull(name, "name"));
    if (value == null) {
      throw new IllegalArgumentException(
          "path parameter: " + name + " (expected: one of " + pathParams.keySet() + ")");
    }
    return value;
  }

  /** Every path parameter of the matched route. */
  public Map<String, String> pathParams() {
    return pathParams;
  }

  /** The first value of query parameter {@code name}, possibly empty. */
  public Optional<String> query(String name) {
    List<String> values = queryParams().get(requireNonNull(name, "name"));
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Query parameters in order of first appearance, each with its values in order. */
  public Map<String, List<String>> queryParams() {
    Map<String, List<String>> params = queryParams;
    if (params == null) {
      params = FormDecoder.decodeForm(rawQuery);
      queryParams = params;
    }
    return params;
  }

  /**
   * Form parameters as go-zero's {@code form} tag reads them: the fields of an {@code
   * application/x-www-form-urlencoded} body, then the query parameters.
   *
   * @throws RestException (400) with more than 2048 values, go-zero's cap
   */
  public Map<String, List<String>> formParams() {
    Map<String, List<String>> params = formParams;
    if (params == null) {
      params = decodeFormParams();
      formParams = params;
    }
    return params;
  }

  /** The header fields. */
  public Headers headers() {
    return headers;
  }

  /** The first value of header {@code name} (case-insensitive). */
  public Optional<String> header(String name) {
    return headers.get(name);
  }

  /** A copy of the body ({@code Content-Encoding: gzip} bodies arrive inflated). */
  public byte[] body() {
    return body.clone();
  }

  /** The body as a read-only buffer, without copying. */
  public ByteBuffer bodyBuffer() {
    return ByteBuffer.wrap(body).asReadOnlyBuffer();
  }

  /** The body as a stream, without copying. */
  public InputStream bodyStream() {
    return new ByteArrayInputStream(body);
  }

  /** The body decoded as UTF-8. */
  public String bodyString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body's length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /**
   * Binds path, form, header and JSON body values into {@code type} (see {@link Binder}).
   *
   * @throws io.github.zero4j.rest.httpx.BindException (400) naming the field and source at fault
   */
  public <T> T bind(Class<T> type) {
    return binder.bind(this, type);
  }

  /** The time by which the response is due, when the route has a timeout. */
  public Optional<Deadline> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** Attribute {@code name}, set by a middleware (JWT claims are stored under their names). */
  public Optional<Object> attribute(String name) {
    return Optional.ofNullable(attributes.get(requireNonNull(name, "name")));
  }

  /** Every attribute. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** The peer's {@code ip:port}; empty when unknown. */
  public String remoteAddress() {
    return remoteAddress;
  }

  /**
   * The client's address as go-zero's {@code httpx.GetRemoteAddr} reports it: the raw {@code
   * X-Forwarded-For} value when present, else {@link #remoteAddress()}.
   */
  public String clientAddress() {
    String forwarded = headers.first("X-Forwarded-For");
    return forwarded != null && !forwarded.isEmpty() ? forwarded : remoteAddress;
  }

  /** The binder {@link #bind(Class)} uses. */
  public Binder binder() {
    return binder;
  }

  @Override
  public String toString() {
    return "Request[" + method + " " + uri + "]";
  }

  private Map<String, List<String>> decodeFormParams() {
    String contentType = headers.first("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).contains(FORM_CONTENT_TYPE)
        || body.length == 0) {
      checkFormCount(queryParams());
      return queryParams();
    }
    String text = bodyString();
    if (FormDecoder.countPairs(text, FormDecoder.MAX_VALUES) > FormDecoder.MAX_VALUES) {
      throw tooManyFormValues();
    }
    Map<String, List<String>> merged;
    try {
      merged = new LinkedHashMap<>(FormDecoder.decodeForm(text));
    } catch (IllegalArgumentException e) {
      throw new RestException(400, "bad form body: " + e.getMessage(), e);
    }
    queryParams()
        .forEach(
            (name, values) ->
                merged.merge(
                    name,
                    values,
                    (fromBody, fromQuery) -> {
                      List<String> all = new ArrayList<>(fromBody);
                      all.addAll(fromQuery);
                      return Collections.unmodifiableList(all);
                    }));
    checkFormCount(merged);
    return Collections.unmodifiableMap(merged);
  }

  private static void checkFormCount(Map<String, List<String>> params) {
    int count = 0;
    for (List<String> values : params.values()) {
      count += values.size();
    }
    if (count > FormDecoder.MAX_VALUES) {
      throw tooManyFormValues();
    }
  }

  private static RestException tooManyFormValues() {
    return new RestException(
        400, "too many form values (expected: at most " + FormDecoder.MAX_VALUES + ")");
  }

  /** Builds a request; not thread-safe. */
  public static final class Builder {
    private String method = "GET";
    private String uri = "/";
    private String path = "/";
    private String rawQuery = "";
    private Headers builtHeaders = Headers.empty();
    private Headers.@Nullable Builder headers;
    private byte[] body = NO_BODY;
    private String route = "";
    private Map<String, String> pathParams = Map.of();
    private @Nullable Deadline deadline;
    private Map<String, Object> attributes = Map.of();
    private String remoteAddress = "";
    private Binder binder = Binder.ofDefaults();

    private Builder() {}

    private Builder(Request request) {
      method = request.method;
      uri = request.uri;
      path = request.path;
      rawQuery = request.rawQuery;
      builtHeaders = request.headers;
      body = request.body;
      route = request.route;
      pathParams = request.pathParams;
      deadline = request.deadline;
      attributes = request.attributes;
      remoteAddress = request.remoteAddress;
      binder = request.binder;
    }

    /** The method token, e.g. {@code GET}. */
    public Builder method(String method) {
      requireNonNull(method, "method");
      if (method.isEmpty() || !isToken(method)) {
        throw new IllegalArgumentException("method: \"" + method + "\" (expected: an HTTP token)");
      }
      this.method = method;
      return this;
    }

    /**
     * The request target: origin form ({@code /path?query}), absolute form ({@code
     * http://host/path}) or {@code *}.
     *
     * @throws IllegalArgumentException on a space or control character, broken percent-encoding, or
     *     more than 2048 query values
     */
    public Builder uri(String uri) {
      requireNonNull(uri, "uri");
      if (uri.isEmpty()) {
        throw new IllegalArgumentException("uri: \"\" (expected: a request target)");
      }
      for (int i = 0; i < uri.length(); i++) {
        char c = uri.charAt(i);
        if (c <= ' ' || c == 0x7f) {
          // Go's server refuses these too ("invalid control character in URL").
          throw new IllegalArgumentException(
              "uri: "
                  + FormDecoder.abbreviate(uri)
                  + " (expected: no space or control character, found one at index "
                  + i
                  + ")");
        }
      }
      String target = uri;
      int hash = target.indexOf('#');
      if (hash >= 0) {
        target = target.substring(0, hash);
      }
      int schemeEnd = target.indexOf("://");
      if (schemeEnd > 0 && !target.startsWith("/")) {
        int slash = target.indexOf('/', schemeEnd + 3);
        target = slash < 0 ? "/" : target.substring(slash);
      }
      int question = target.indexOf('?');
      String rawPath = question < 0 ? target : target.substring(0, question);
      String query = question < 0 ? "" : target.substring(question + 1);
      FormDecoder.validate(query);
      if (FormDecoder.countPairs(query, FormDecoder.MAX_VALUES) > FormDecoder.MAX_VALUES) {
        throw new IllegalArgumentException(
            "uri: "
                + FormDecoder.abbreviate(uri)
                + " (expected: at most "
                + FormDecoder.MAX_VALUES
                + " query values)");
      }
      this.path = FormDecoder.decode(rawPath, false);
      this.rawQuery = query;
      this.uri = uri;
      return this;
    }

    /** Replaces the header fields. */
    public Builder headers(Headers headers) {
      this.builtHeaders = requireNonNull(headers, "headers");
      this.headers = null;
      return this;
    }

    /** Sets header {@code name} to {@code value}, replacing earlier values. */
    public Builder header(String name, String value) {
      headersBuilder().set(name, value);
      return this;
    }

    /** Removes every value of header {@code name}. */
    public Builder removeHeader(String name) {
      headersBuilder().remove(name);
      return this;
    }

    /** The body (copied). */
    public Builder body(byte[] body) {
      this.body = requireNonNull(body, "body").clone();
      return this;
    }

    /** The body as UTF-8 text. */
    public Builder body(String text) {
      this.body = requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** The matched route's pattern. */
    public Builder route(String route) {
      this.route = requireNonNull(route, "route");
      return this;
    }

    /** The path parameters of the matched route. */
    public Builder pathParams(Map<String, String> pathParams) {
      this.pathParams = Map.copyOf(requireNonNull(pathParams, "pathParams"));
      return this;
    }

    /** The deadline of the response. */
    public Builder deadline(Deadline deadline) {
      this.deadline = requireNonNull(deadline, "deadline");
      return this;
    }

    /** Sets attribute {@code name}. */
    public Builder attribute(String name, Object value) {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      Map<String, Object> copy = new LinkedHashMap<>(attributes);
      copy.put(name, value);
      this.attributes = Collections.unmodifiableMap(copy);
      return this;
    }

    /** Sets every attribute of {@code values}, keeping the others. */
    public Builder attributes(Map<String, ?> values) {
      requireNonNull(values, "values");
      Map<String, Object> copy = new LinkedHashMap<>(attributes);
      values.forEach(
          (name, value) ->
              copy.put(requireNonNull(name, "name"), requireNonNull(value, "value of " + name)));
      this.attributes = Collections.unmodifiableMap(copy);
      return this;
    }

    /** The peer's {@code ip:port}. */
    public Builder remoteAddress(String remoteAddress) {
      this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress");
      return this;
    }

    /** The binder {@link Request#bind(Class)} uses. */
    public Builder binder(Binder binder) {
      this.binder = requireNonNull(binder, "binder");
      return this;
    }

    /** The request. */
    public Request build() {
      return new Request(this);
    }

    private Headers.Builder headersBuilder() {
      if (headers == null) {
        headers = builtHeaders.toBuilder();
      }
      return headers;
    }

    private static boolean isToken(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
          return false;
        }
      }
      return true;
    }
  }
}
