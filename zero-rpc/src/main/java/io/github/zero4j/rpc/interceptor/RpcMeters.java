package io.github.zero4j.rpc.interceptor;

import io.github.zero4j.core.stat.MetricNames;
import io.github.zero4j.core.stat.ZeroMeters;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The two meters of go-zero's RPC metrics for one side (server or client): {@code
 * rpc_<side>_requests_duration_ms{method}} and {@code rpc_<side>_requests_code_total{method,
 * code}}, with {@code method} the full method with its leading slash ({@code /pkg.Service/Method},
 * go-zero's {@code info.FullMethod}) and {@code code} the numeric gRPC code. The meters of each
 * method are looked up in the registry once and kept, so recording a call is two map reads and two
 * meter updates. Thread-safe.
 */
final class RpcMeters {
  private static final double NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  /** One slot per gRPC code value, 0 (OK) to 16 (UNAUTHENTICATED). */
  private static final int CODES = Status.Code.UNAUTHENTICATED.value() + 1;

  private final ZeroMeters meters;
  private final String durationName;
  private final String durationHelp;
  private final String codeName;
  private final String codeHelp;
  private final ConcurrentHashMap<String, MethodMeters> methods = new ConcurrentHashMap<>();

  private RpcMeters(
      ZeroMeters meters,
      String durationName,
      String durationHelp,
      String codeName,
      String codeHelp) {
    this.meters = meters;
    this.durationName = durationName;
    this.durationHelp = durationHelp;
    this.codeName = codeName;
    this.codeHelp = codeHelp;
  }

  static RpcMeters server(ZeroMeters meters) {
    return new RpcMeters(
        meters,
        MetricNames.RPC_SERVER_REQUESTS_DURATION_MS,
        MetricNames.RPC_SERVER_REQUESTS_DURATION_HELP,
        MetricNames.RPC_SERVER_REQUESTS_CODE_TOTAL,
        MetricNames.RPC_SERVER_REQUESTS_CODE_HELP);
  }

  static RpcMeters client(ZeroMeters meters) {
    return new RpcMeters(
        meters,
        MetricNames.RPC_CLIENT_REQUESTS_DURATION_MS,
        MetricNames.RPC_CLIENT_REQUESTS_DURATION_HELP,
        MetricNames.RPC_CLIENT_REQUESTS_CODE_TOTAL,
        MetricNames.RPC_CLIENT_REQUESTS_CODE_HELP);
  }

  /** Records one call of {@code fullMethodName} (grpc-java's form, no leading slash). */
  void record(String fullMethodName, Status.Code code, long elapsedNanos) {
    MethodMeters method = methods.get(fullMethodName);
    if (method == null) {
      method = methods.computeIfAbsent(fullMethodName, MethodMeters::new);
    }
    method.duration.record(Math.max(0, elapsedNanos) / NANOS_PER_MILLI);
    method.counter(code).increment();
  }

  private final class MethodMeters {
    final String label;
    final DistributionSummary duration;
    final AtomicReferenceArray<Counter> codes = new AtomicReferenceArray<>(CODES);

    MethodMeters(String fullMethodName) {
      this.label = "/" + fullMethodName;
      this.duration =
          meters.durationMs(
              durationName,
              durationHelp,
              MetricNames.RPC_DURATION_BUCKETS_MS,
              MetricNames.LABEL_METHOD,
              label);
    }

    Counter counter(Status.Code code) {
      int index = code.value();
      Counter counter = codes.get(index);
      if (counter == null) {
        // Registration is idempotent: racing threads get the same meter from the registry.
        counter =
            meters.counter(
                codeName,
                codeHelp,
                MetricNames.LABEL_METHOD,
                label,
                MetricNames.LABEL_CODE,
                Integer.toString(code.value()));
        codes.set(index, counter);
      }
      return counter;
    }
  }
}
