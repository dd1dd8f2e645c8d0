package io.github.zero4j.rpc.resolver;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DirectNameResolverProviderTest {

  @Test
  void providers_areRegisteredForTheirSchemes_dnsStaysDefault() {
    NameResolverRegistry registry = NameResolverRegistry.getDefaultRegistry();
    NameResolverProvider direct = registry.getProviderForScheme("direct");
    NameResolverProvider etcd = registry.getProviderForScheme("etcd");
    assertThat(direct).isInstanceOf(DirectNameResolverProvider.class);
    assertThat(etcd).isInstanceOf(EtcdNameResolverProvider.class);
    assertThat(registry.getDefaultScheme()).isEqualTo("dns");
  }

  @Test
  void otherScheme_isNotOurs() {
    assertThat(
            new DirectNameResolverProvider()
                .newNameResolver(URI.create("dns:///localhost:1"), ResolverArgs.args()))
        .isNull();
  }

  @Test
  void endpoints_parsedAndValidated() {
    DirectNameResolverProvider provider = new DirectNameResolverProvider();
    NameResolver resolver =
        provider.newNameResolver(
            URI.create("direct:///10.0.0.1:80,%5B::1%5D:81"), ResolverArgs.args());
    assertThat(requireNonNull(resolver).getServiceAuthority()).isEqualTo("10.0.0.1:80");
    assertThatThrownBy(
            () -> provider.newNameResolver(URI.create("direct:///"), ResolverArgs.args()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("direct:///")
        .hasMessageContaining("no endpoints");
    assertThatThrownBy(
            () -> provider.newNameResolver(URI.create("direct:///10.0.0.1"), ResolverArgs.args()))
        .hasMessageContaining("'10.0.0.1'")
        .hasMessageContaining("host:port");
    assertThatThrownBy(
            () ->
                provider.newNameResolver(
                    URI.create("direct:///10.0.0.1:99999"), ResolverArgs.args()))
        .hasMessageContaining("port 1-65535");
  }

  @Test
  void hostAndPort_forms() {
    assertThat(HostAndPort.parse("example.com:8080", "x").host()).isEqualTo("example.com");
    assertThat(HostAndPort.parse("[fe80::1]:9", "x").host()).isEqualTo("fe80::1");
    assertThat(HostAndPort.parse("[fe80::1]:9", "x")).hasToString("[fe80::1]:9");
    assertThatThrownBy(() -> HostAndPort.parse("fe80::1:9", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HostAndPort.parse(":9", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
