package org.barebones.store.http.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.UnauthenticatedException;
import org.barebones.store.http.support.MutableClock;
import org.junit.jupiter.api.Test;

class JjwtTokenServiceTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(UTF_8);
  private static final byte[] LONG_SECRET = "0123456789abcdef".repeat(4).getBytes(UTF_8);
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final Duration PRODUCER_LIFETIME = Duration.ofHours(24);
  private static final Duration CART_LIFETIME = Duration.ofDays(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MutableClock clock = new MutableClock(NOW);
  private final JjwtTokenService tokens = service(SECRET);

  private JjwtTokenService service(byte[] secret) {
    return new JjwtTokenService(secret, PRODUCER_LIFETIME, CART_LIFETIME, clock);
  }

  private static SecretKey hs256Key(byte[] secret) {
    return new SecretKeySpec(secret, "HmacSHA256");
  }

  /** A token like the service's own, for tests to vary one claim at a time. */
  private static JwtBuilder wellFormed(String audience, String subject, Instant issuedAt) {
    return Jwts.builder()
        .issuer(JjwtTokenService.ISSUER)
        .subject(subject)
        .audience()
        .add(audience)
        .and()
        .issuedAt(Date.from(issuedAt))
        .expiration(Date.from(issuedAt.plus(Duration.ofHours(1))));
  }

  private static String unsigned(String headerJson, String payloadJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(headerJson.getBytes(UTF_8))
        + "."
        + b64.encodeToString(payloadJson.getBytes(UTF_8))
        + ".";
  }

  private static JsonNode part(String token, int index) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
  }

  private void assertRejected(String token) {
    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageNotContaining(token == null || token.isEmpty() ? "\u0000" : token);
  }

  @Test
  void producerToken_verifiesAsThatProducer() {
    String token = tokens.issueProducerToken(ProducerId.of(42));

    assertThat(tokens.verify(token)).isEqualTo(new Caller.ProducerCaller(ProducerId.of(42)));
  }

  @Test
  void cartToken_verifiesAsTheHolderOfThatCart() {
    String token = tokens.issueCartToken(CartId.of(7));

    assertThat(tokens.verify(token)).isEqualTo(new Caller.CartHolder(CartId.of(7)));
  }

  @Test
  void issuedToken_isHs256WithFixedIssuerSubjectAudienceAndLifetime() throws Exception {
    String producer = tokens.issueProducerToken(ProducerId.of(42));
    String cart = tokens.issueCartToken(CartId.of(7));

    assertThat(part(producer, 0).path("alg").asText()).isEqualTo("HS256");
    JsonNode claims = part(producer, 1);
    assertThat(claims.path("iss").asText()).isEqualTo("barebones-store");
    assertThat(claims.path("sub").asText()).isEqualTo("42");
    assertThat(claims.path("aud").toString()).contains("store-producer");
    assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(claims.path("exp").asLong()).isEqualTo(NOW.plus(PRODUCER_LIFETIME).getEpochSecond());
    JsonNode cartClaims = part(cart, 1);
    assertThat(cartClaims.path("aud").toString()).contains("store-cart");
    assertThat(cartClaims.path("exp").asLong()).isEqualTo(NOW.plus(CART_LIFETIME).getEpochSecond());
  }

  @Test
  void constructor_whenSecretIsShorterThan32Bytes_refusesWithAClearMessage() {
    assertThatThrownBy(() -> service(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
    assertThat(service(new byte[JjwtTokenService.MIN_SECRET_BYTES])).isNotNull();
  }

  @Test
  void constructor_whenALifetimeIsNotPositive_refuses() {
    assertThatThrownBy(() -> new JjwtTokenService(SECRET, Duration.ZERO, CART_LIFETIME, clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new JjwtTokenService(SECRET, PRODUCER_LIFETIME, Duration.ofSeconds(-1), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_copiesTheSecret() {
    byte[] secret = SECRET.clone();
    JjwtTokenService service = service(secret);
    String token = service.issueCartToken(CartId.of(1));

    secret[0] ^= 1;

    assertThat(service.verify(token)).isEqualTo(new Caller.CartHolder(CartId.of(1)));
  }

  @Test
  void verify_whenTheTokenHasExpired_refuses() {
    String token = tokens.issueProducerToken(ProducerId.of(1));

    clock.advance(PRODUCER_LIFETIME.minusSeconds(1));
    assertThat(tokens.verify(token)).isEqualTo(new Caller.ProducerCaller(ProducerId.of(1)));

    clock.advance(JjwtTokenService.CLOCK_SKEW.plusSeconds(2));
    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void verify_remembersAVerifiedToken_andAnswersTheSameOnItsNextUse() {
    String token = tokens.issueCartToken(CartId.of(7));

    assertThat(tokens.verify(token)).isEqualTo(new Caller.CartHolder(CartId.of(7)));
    assertThat(tokens.rememberedTokens()).isEqualTo(1);
    assertThat(tokens.verify(token)).isEqualTo(new Caller.CartHolder(CartId.of(7)));
    assertThat(tokens.rememberedTokens()).isEqualTo(1);
  }

  @Test
  void verify_neverRemembersARefusedToken() {
    String other = service(LONG_SECRET).issueProducerToken(ProducerId.of(1));

    assertRejected(other);
    assertRejected("not.a.token");

    assertThat(tokens.rememberedTokens()).isZero();
  }

  @Test
  void verify_whenARememberedTokenIsAlteredByOneCharacter_refuses() {
    String token = tokens.issueProducerToken(ProducerId.of(1));
    tokens.verify(token);
    char last = token.charAt(token.length() - 2);
    String altered =
        token.substring(0, token.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + token.charAt(token.length() - 1);

    assertRejected(altered);
  }

  @Test
  void verify_whenARememberedTokenExpires_refusesItAsExpired() {
    String token = tokens.issueCartToken(CartId.of(3));
    tokens.verify(token);

    clock.advance(CART_LIFETIME.plus(JjwtTokenService.CLOCK_SKEW));
    assertThat(tokens.verify(token)).isEqualTo(new Caller.CartHolder(CartId.of(3)));

    clock.advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void verify_whenTheClockGoesBackBeforeARememberedTokenWasIssued_refuses() {
    String token = tokens.issueProducerToken(ProducerId.of(1));
    tokens.verify(token);

    clock.advance(JjwtTokenService.CLOCK_SKEW.plusSeconds(1).negated());

    assertRejected(token);
  }

  @Test
  void verify_remembersABoundedNumberOfTokens() {
    for (int i = 1; i <= JjwtTokenService.VERIFIED_TOKENS + 1; i++) {
      assertThat(tokens.verify(tokens.issueCartToken(CartId.of(i))))
          .isEqualTo(new Caller.CartHolder(CartId.of(i)));
    }

    assertThat(tokens.rememberedTokens()).isBetween(1, JjwtTokenService.VERIFIED_TOKENS);
  }

  @Test
  void verify_whenACartTokenHasExpired_refuses() {
    String token = tokens.issueCartToken(CartId.of(1));

    clock.advance(CART_LIFETIME.plus(JjwtTokenService.CLOCK_SKEW).plusSeconds(1));

    assertRejected(token);
  }

  @Test
  void verify_whenIssuedInTheFutureBeyondTheSkew_refuses() {
    String token =
        wellFormed("store-producer", "1", NOW.plus(Duration.ofMinutes(5)))
            .signWith(hs256Key(SECRET), Jwts.SIG.HS256)
            .compact();

    assertRejected(token);
  }

  @Test
  void verify_whenAlgIsNone_refuses() {
    String token =
        unsigned(
            "{\"alg\":\"none\",\"typ\":\"JWT\"}",
            "{\"iss\":\"barebones-store\",\"sub\":\"1\",\"aud\":\"store-producer\",\"iat\":"
                + NOW.getEpochSecond()
                + ",\"exp\":"
                + NOW.plusSeconds(3600).getEpochSecond()
                + "}");

    assertRejected(token);
  }

  @Test
  void verify_whenSignedWithHs512UnderTheServersOwnKey_refuses() {
    JjwtTokenService longKeyed = service(LONG_SECRET);
    String resigned =
        wellFormed("store-producer", "1", NOW)
            .signWith(Keys.hmacShaKeyFor(LONG_SECRET), Jwts.SIG.HS512)
            .compact();
    String resigned384 =
        wellFormed("store-producer", "1", NOW)
            .signWith(new SecretKeySpec(LONG_SECRET, "HmacSHA384"), Jwts.SIG.HS384)
            .compact();

    assertThat(longKeyed.verify(longKeyed.issueProducerToken(ProducerId.of(1))))
        .isEqualTo(new Caller.ProducerCaller(ProducerId.of(1)));
    assertThatThrownBy(() -> longKeyed.verify(resigned))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> longKeyed.verify(resigned384))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void verify_whenSignedWithAnotherKey_refuses() {
    JjwtTokenService other = service("another-secret-of-32-bytes-long!".getBytes(UTF_8));

    assertRejected(other.issueProducerToken(ProducerId.of(1)));
  }

  @Test
  void verify_whenThePayloadIsTampered_refuses() {
    String token = tokens.issueProducerToken(ProducerId.of(1));
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8);
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.replace("\"sub\":\"1\"", "\"sub\":\"2\"").getBytes(UTF_8));
    assertThat(forged).isNotEqualTo(parts[1]);

    assertRejected(parts[0] + "." + forged + "." + parts[2]);
  }

  @Test
  void verify_whenTheSignatureIsTruncatedOrMissing_refuses() {
    String token = tokens.issueProducerToken(ProducerId.of(1));

    assertRejected(token.substring(0, token.length() - 2));
    assertRejected(token.substring(0, token.lastIndexOf('.') + 1));
  }

  @Test
  void verify_whenTheIssuerIsAnother_refuses() {
    String token =
        wellFormed("store-producer", "1", NOW)
            .issuer("someone-else")
            .signWith(hs256Key(SECRET), Jwts.SIG.HS256)
            .compact();

    assertRejected(token);
  }

  @Test
  void verify_whenTheAudienceIsMissingUnknownOrBoth_refuses() {
    String none =
        Jwts.builder()
            .issuer(JjwtTokenService.ISSUER)
            .subject("1")
            .issuedAt(Date.from(NOW))
            .expiration(Date.from(NOW.plusSeconds(60)))
            .signWith(hs256Key(SECRET), Jwts.SIG.HS256)
            .compact();
    String unknown =
        wellFormed("store-admin", "1", NOW).signWith(hs256Key(SECRET), Jwts.SIG.HS256).compact();
    String both =
        wellFormed("store-producer", "1", NOW)
            .audience()
            .add("store-cart")
            .and()
            .signWith(hs256Key(SECRET), Jwts.SIG.HS256)
            .compact();

    assertRejected(none);
    assertRejected(unknown);
    assertRejected(both);
  }

  @Test
  void verify_whenTheSubjectIsNotAPositiveId_refuses() {
    for (String subject : new String[] {"0", "-1", "abc", "99999999999999999999", "+1", "1.0"}) {
      String token =
          wellFormed("store-cart", subject, NOW)
              .signWith(hs256Key(SECRET), Jwts.SIG.HS256)
              .compact();
      assertRejected(token);
    }
  }

  @Test
  void verify_whenExpiryOrIssueTimeIsMissing_refuses() {
    String noExpiry =
        Jwts.builder()
            .issuer(JjwtTokenService.ISSUER)
            .subject("1")
            .audience()
            .add("store-producer")
            .and()
            .issuedAt(Date.from(NOW))
            .signWith(hs256Key(SECRET), Jwts.SIG.HS256)
            .compact();
    String noIssueTime =
        Jwts.builder()
            .issuer(JjwtTokenService.ISSUER)
            .subject("1")
            .audience()
            .add("store-producer")
            .and()
            .expiration(Date.from(NOW.plusSeconds(60)))
            .signWith(hs256Key(SECRET), Jwts.SIG.HS256)
            .compact();

    assertRejected(noExpiry);
    assertRejected(noIssueTime);
  }

  @Test
  void verify_whenTheTokenIsGarbage_refuses() {
    assertRejected(null);
    assertRejected("");
    assertRejected("   ");
    assertRejected("garbage");
    assertRejected("a.b.c");
    assertRejected("a.b.c.d.e");
    assertRejected("..");
    assertRejected("eyJhbGciOiJIUzI1NiJ9.e30.");
  }

  @Test
  void toString_namesNoSecret() {
    assertThat(tokens.toString()).doesNotContain(new String(SECRET, UTF_8)).contains("HS256");
  }
}
