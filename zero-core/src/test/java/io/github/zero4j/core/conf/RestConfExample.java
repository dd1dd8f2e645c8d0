package io.github.zero4j.core.conf;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * go-zero's rest.RestConf (rest/config.go) with every tag carried over: the shape zero-rest's own
 * config will take.
 */
record RestConfExample(
    @Inline ServiceConfExample service,
    @Default("0.0.0.0") String host,
    int port,
    @OptionalKey String certFile,
    @OptionalKey String keyFile,
    @OptionalKey boolean verbose,
    @Default("10000") int maxConns,
    @Default("1048576") @ByteSize long maxBytes,
    @Default("3000") Duration timeout,
    @Default("900") @Range("[0:1000)") long cpuThreshold,
    Optional<SignatureConf> signature,
    MiddlewaresConf middlewares,
    @OptionalKey List<String> traceIgnorePaths) {

  /** rest.SignatureConf. */
  record SignatureConf(
      @Default("false") boolean strict,
      @Default("1h") Duration expiry,
      List<PrivateKeyConf> privateKeys) {}

  /** rest.PrivateKeyConf. */
  record PrivateKeyConf(String fingerprint, String keyFile) {}

  /** rest.MiddlewaresConf: every built-in middleware on unless switched off. */
  record MiddlewaresConf(
      @Default("true") boolean trace,
      @Default("true") boolean log,
      @Default("true") boolean prometheus,
      @Default("true") boolean maxConns,
      @Default("true") boolean breaker,
      @Default("true") boolean shedding,
      @Default("true") boolean timeout,
      @Default("true") boolean recover,
      @Default("true") boolean metrics,
      @Default("true") boolean maxBytes,
      @Default("true") boolean gunzip) {}
}
