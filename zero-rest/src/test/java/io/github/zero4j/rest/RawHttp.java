package io.github.zero4j.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A raw socket to a test server, for input no HTTP client would send. */
final class RawHttp implements AutoCloseable {
  /** Read timeout: a safety net that fails a hung test, never a synchronisation means. */
  static final int SAFETY_TIMEOUT_MILLIS = 20_000;

  final Socket socket;
  final InputStream in;
  final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket();
    socket.connect(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), SAFETY_TIMEOUT_MILLIS);
    socket.setSoTimeout(SAFETY_TIMEOUT_MILLIS);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** The next response; fails when the server closed the connection first. */
  Reply read() throws IOException {
    Reply reply = readOrEnd();
    if (reply == null) {
      throw new IOException("connection closed by the server before a response");
    }
    return reply;
  }

  /** The next response, or {@code null} when the server closed the connection first. */
  @Nullable Reply readOrEnd() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    String[] parts = statusLine.split(" ", 3);
    return new Reply(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the server closed the connection: reads until end of stream. */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  /** Every byte until the server closes the connection. */
  String readToEnd() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (java.net.SocketException e) {
      // reset after close: what was read counts
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  private @Nullable String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); ; b = in.read()) {
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A parsed response. */
  static final class Reply {
    final int status;
    final Map<String, String> headers;
    final String body;

    Reply(int status, Map<String, String> headers, String body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + body;
    }
  }
}
