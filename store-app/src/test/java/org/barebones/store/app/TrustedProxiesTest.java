package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  private static final TrustedProxies PROXIES =
      TrustedProxies.parse(List.of("10.0.0.0/8", "192.0.2.7", "2001:db8:1::/48", "::1"));

  @Test
  void addressesAndRanges_ofBothFamilies_areTrusted_andNothingElse() {
    assertThat(PROXIES.trusts(ip("10.200.3.4"))).isTrue();
    assertThat(PROXIES.trusts(ip("11.0.0.1"))).isFalse();
    assertThat(PROXIES.trusts(ip("192.0.2.7"))).isTrue();
    assertThat(PROXIES.trusts(ip("192.0.2.8"))).isFalse();
    assertThat(PROXIES.trusts(ip("2001:db8:1:ffff::9"))).isTrue();
    assertThat(PROXIES.trusts(ip("2001:db8:2::9"))).isFalse();
    assertThat(PROXIES.trusts(ip("::1"))).isTrue();
    assertThat(PROXIES.trusts(ip("127.0.0.1"))).isFalse();
    assertThat(TrustedProxies.none().trusts(ip("10.0.0.1"))).isFalse();
  }

  @Test
  void prefixesThatAreNotWholeBytes_areHonoured() {
    TrustedProxies proxies = TrustedProxies.parse(List.of("172.16.0.0/12", "2001:db8::/33"));

    assertThat(proxies.trusts(ip("172.31.255.255"))).isTrue();
    assertThat(proxies.trusts(ip("172.32.0.0"))).isFalse();
    assertThat(proxies.trusts(ip("2001:db8:7fff::1"))).isTrue();
    assertThat(proxies.trusts(ip("2001:db8:8000::1"))).isFalse();
  }

  @Test
  void theClient_isTheRightMostHopThatIsNotATrustedProxy() {
    // The client forged the first hop; our balancers 192.0.2.7 and 10.1.1.1 appended the rest.
    assertThat(PROXIES.clientBehind(List.of("203.0.113.66, 198.51.100.9, 10.1.1.1")))
        .contains(ip("198.51.100.9"));
    // Several header lines are one list, in order.
    assertThat(PROXIES.clientBehind(List.of("203.0.113.66", "198.51.100.9", "10.1.1.1")))
        .contains(ip("198.51.100.9"));
    assertThat(PROXIES.clientBehind(List.of("2001:db8:9::5, 2001:db8:1::2")))
        .contains(ip("2001:db8:9::5"));
    assertThat(PROXIES.clientBehind(List.of("[2001:db8:9::5]:4711, 198.51.100.9:80")))
        .contains(ip("198.51.100.9"));
    assertThat(PROXIES.clientBehind(List.of("[2001:db8:9::5]:4711, 10.0.0.3")))
        .contains(ip("2001:db8:9::5"));
  }

  @Test
  void whenEveryHopIsTrusted_theLeftMostIsTheClient_andWithNoHopThereIsNone() {
    assertThat(PROXIES.clientBehind(List.of("10.0.0.5, 10.0.0.6"))).contains(ip("10.0.0.5"));
    assertThat(PROXIES.clientBehind(List.of())).isEmpty();
    assertThat(PROXIES.clientBehind(List.of(" , "))).isEmpty();
  }

  @Test
  void aHopThatIsNoAddress_namesNoClient_andIsNeverLookedUp() {
    assertThat(PROXIES.clientBehind(List.of("198.51.100.9, unknown"))).isEmpty();
    assertThat(PROXIES.clientBehind(List.of("example.com, 10.0.0.3"))).isEqualTo(Optional.empty());
    assertThat(TrustedProxies.addressLiteral("localhost")).isEmpty();
    assertThat(TrustedProxies.addressLiteral("1.2.3")).isEmpty();
    assertThat(TrustedProxies.addressLiteral("256.1.1.1")).isEmpty();
  }

  @Test
  void entriesThatAreNoAddressOrRange_areRefused_withTheirText() {
    for (String bad :
        List.of("proxy.example.com", "10.0.0.0/33", "::/129", "10.0.0.1/x", "", "1.2.3")) {
      assertThatThrownBy(() -> TrustedProxies.parse(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("trustedProxies")
          .hasMessageContaining(bad);
    }
  }

  @Test
  void theConfiguration_takesAListOrOneCommaSeparatedValue() {
    StoreConfiguration config = new StoreConfiguration();
    assertThat(config.getTrustedProxies()).isEmpty();
    assertThat(config.isTrustedProxiesValid()).isTrue();

    config.setTrustedProxies(List.of("10.0.0.1, 10.0.0.0/8", "::1"));
    assertThat(config.getTrustedProxies()).containsExactly("10.0.0.1", "10.0.0.0/8", "::1");
    assertThat(config.isTrustedProxiesValid()).isTrue();

    config.setTrustedProxies(List.of("balancer.internal"));
    assertThat(config.isTrustedProxiesValid()).isFalse();
  }

  private static InetAddress ip(String literal) {
    return TrustedProxies.addressLiteral(literal).orElseThrow();
  }
}
