package io.github.zero4j.rest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * go-zero's file server ({@code rest.WithFileServer(prefix, fs)}, rest/internal/fileserver), set
 * with {@link RestServer.Builder#staticFiles(StaticFiles)}: a GET whose path starts with {@code
 * prefix + "/"} is answered with the file at the rest of the path, from a directory or a classpath
 * root, when that file exists; otherwise the request goes on to the routes (a 404 when none
 * matches). A path ending in {@code /} serves that directory's {@code index.html}.
 *
 * <p>Resolution is safe: a path with a {@code ..} or {@code .} segment, a backslash or a NUL is
 * never served, and a directory file must stay under the root once symbolic links are resolved.
 * {@code Content-Type} comes from the extension (a table of the common web types, then the JDK's),
 * {@code application/octet-stream} when unknown. Files are read on the connection's event loop:
 * this serves small assets, not downloads. Immutable and thread-safe.
 */
public final class StaticFiles {
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("htm", "text/html; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("wasm", "application/wasm"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("xml", "application/xml"));

  private static final String OCTET_STREAM = "application/octet-stream";
  private static final String INDEX = "index.html";

  private final String prefix;
  private final @Nullable Path directory;
  private final String resourceRoot;
  private final ClassLoader loader;

  private StaticFiles(
      String prefix, @Nullable Path directory, String resourceRoot, ClassLoader loader) {
    this.prefix = prefix;
    this.directory = directory;
    this.resourceRoot = resourceRoot;
    this.loader = loader;
  }

  /** Files under {@code directory}, served at {@code prefix} (e.g. {@code "/static"}). */
  public static StaticFiles directory(String prefix, Path directory) {
    requireNonNull(directory, "directory");
    Path root;
    try {
      root = directory.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("directory: " + directory + " (expected: exists)", e);
    }
    return new StaticFiles(checkPrefix(prefix), root, "", StaticFiles.class.getClassLoader());
  }

  /** Resources under {@code resourceRoot} of {@code loader}, served at {@code prefix}. */
  public static StaticFiles classpath(String prefix, String resourceRoot, ClassLoader loader) {
    requireNonNull(resourceRoot, "resourceRoot");
    requireNonNull(loader, "loader");
    String root = resourceRoot;
    while (root.startsWith("/")) {
      root = root.substring(1);
    }
    while (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    return new StaticFiles(checkPrefix(prefix), null, root, loader);
  }

  private static String checkPrefix(String prefix) {
    requireNonNull(prefix, "prefix");
    if (!prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "prefix: " + prefix + " (expected: starting with / and not ending with /, e.g. /static)");
    }
    return prefix;
  }

  /** The URL prefix. */
  public String prefix() {
    return prefix;
  }

  /** The response for GET {@code path}, or empty when no file answers it. */
  public Optional<Response> serve(String path) {
    if (!path.startsWith(prefix + "/")) {
      return Optional.empty();
    }
    String relative = path.substring(prefix.length() + 1);
    if (relative.isEmpty() || relative.endsWith("/")) {
      relative = relative + INDEX;
    }
    if (!safe(relative)) {
      return Optional.empty();
    }
    byte[] body;
    try {
      body = directory != null ? fromDirectory(directory, relative) : fromClasspath(relative);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (body == null) {
      return Optional.empty();
    }
    return Optional.of(Response.bytes(200, contentType(relative), body));
  }

  private static boolean safe(String relative) {
    if (relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0 || relative.startsWith("/")) {
      return false;
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
        return false;
      }
    }
    return true;
  }

  private static byte @Nullable [] fromDirectory(Path root, String relative) throws IOException {
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return null;
    }
    // A symbolic link inside the root must not lead out of it.
    if (!file.toRealPath().startsWith(root) || !Files.isReadable(file)) {
      return null;
    }
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    return Files.readAllBytes(file);
  }

  private byte @Nullable [] fromClasspath(String relative) throws IOException {
    String name = resourceRoot.isEmpty() ? relative : resourceRoot + "/" + relative;
    URL url = loader.getResource(name);
    if (url == null || isDirectory(url)) {
      return null;
    }
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    }
  }

  private static boolean isDirectory(URL url) {
    if (!url.getProtocol().equals("file")) {
      // Inside a jar a directory entry's name ends with "/", which safe() already refused.
      return false;
    }
    try {
      return Files.isDirectory(Path.of(url.toURI()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return true;
    }
  }

  static String contentType(String name) {
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String known = TYPES.get(extension);
    if (known != null) {
      return known;
    }
    String guessed = URLConnection.guessContentTypeFromName(name);
    return guessed != null ? guessed : OCTET_STREAM;
  }

  @Override
  public String toString() {
    return "StaticFiles["
        + prefix
        + " -> "
        + (directory != null ? directory : "classpath:" + resourceRoot)
        + "]";
  }
}
