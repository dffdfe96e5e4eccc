package org.barebones.store.http.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.port.TokenService;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.UnauthenticatedException;

/**
 * Adapter: producer and cart tokens as JWTs signed with HMAC-SHA256 (jjwt), following RFC 8725.
 *
 * <p>Only HS256 with the configured key is accepted: the header's {@code alg} is checked explicitly
 * as well as by the parser, so neither {@code none} nor another HMAC re-signed with the same (long
 * enough) key gets through. The issuer is fixed, the subject is the producer or cart id, {@code
 * iat} and {@code exp} are checked against the injected clock, and the audience tells the two kinds
 * apart, so a cart token is never taken for a producer token or the other way round. Every failure
 * is the domain's {@link UnauthenticatedException}, with a detail that names no part of the token.
 *
 * <p>A token that verified once is remembered (at most {@value #VERIFIED_TOKENS} of them, keyed by
 * the whole token, signature included), so its next uses skip the parsing and the HMAC; its times
 * are still checked against the clock on every use, so a remembered token expires exactly as a new
 * one would. Refused tokens are never remembered.
 */
public final class JjwtTokenService implements TokenService {

  /** RFC 7518 3.2: an HS256 key is at least as long as the hash, 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  public static final String ISSUER = "barebones-store";
  public static final String PRODUCER_AUDIENCE = "store-producer";
  public static final String CART_AUDIENCE = "store-cart";

  /** Tolerance for clocks of several servers that disagree a little. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private static final String ALGORITHM = "HS256";

  /** How many verified tokens are remembered; when full, the memory starts over. */
  static final int VERIFIED_TOKENS = 10_000;

  private final SecretKey key;
  private final Duration producerTokenLifetime;
  private final Duration cartTokenLifetime;
  private final Clock clock;
  private final JwtParser parser;
  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

  /** What a token that passed the signature and claim checks says. */
  private record Verified(Caller caller, Instant issuedAt, Instant expiresAt) {}

  public JjwtTokenService(
      byte[] secret, Duration producerTokenLifetime, Duration cartTokenLifetime, Clock clock) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "The token signing secret must be at least "
              + MIN_SECRET_BYTES
              + " bytes long (it is "
              + secret.length
              + ")");
    }
    this.producerTokenLifetime = requirePositive(producerTokenLifetime, "producerTokenLifetime");
    this.cartTokenLifetime = requirePositive(cartTokenLifetime, "cartTokenLifetime");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.parser =
        Jwts.parser()
            .sig()
            .clear()
            .add(Jwts.SIG.HS256)
            .and()
            .verifyWith(key)
            .requireIssuer(ISSUER)
            .clock(() -> Date.from(clock.instant()))
            .clockSkewSeconds(CLOCK_SKEW.toSeconds())
            .build();
  }

  @Override
  public String issueProducerToken(ProducerId producer) {
    return issue(PRODUCER_AUDIENCE, producer.value(), producerTokenLifetime);
  }

  @Override
  public String issueCartToken(CartId cart) {
    return issue(CART_AUDIENCE, cart.value(), cartTokenLifetime);
  }

  @Override
  public Caller verify(String token) {
    if (token == null || token.isBlank()) {
      throw invalid();
    }
    Verified known = verified.get(token);
    if (known == null) {
      known = parse(token);
      if (verified.size() >= VERIFIED_TOKENS) {
        verified.clear();
      }
      verified.put(token, known);
    }
    // As the parser checks them, for a remembered token whose time may have run out since.
    Instant now = clock.instant();
    if (now.minus(CLOCK_SKEW).isAfter(known.expiresAt())) {
      throw new UnauthenticatedException("The token has expired");
    }
    if (known.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
      throw invalid();
    }
    return known.caller();
  }

  /** How many verified tokens are remembered now (for tests). */
  int rememberedTokens() {
    return verified.size();
  }

  private Verified parse(String token) {
    Jws<Claims> jws;
    try {
      jws = parser.parseSignedClaims(token);
    } catch (ExpiredJwtException e) {
      throw new UnauthenticatedException("The token has expired");
    } catch (JwtException | IllegalArgumentException e) {
      throw invalid();
    }
    if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
      throw invalid();
    }
    Claims claims = jws.getPayload();
    Date issuedAt = claims.getIssuedAt();
    Date expiresAt = claims.getExpiration();
    if (issuedAt == null
        || expiresAt == null
        || issuedAt.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
      throw invalid();
    }
    long id = subjectId(claims.getSubject());
    Set<String> audience = claims.getAudience();
    Caller caller;
    if (Set.of(PRODUCER_AUDIENCE).equals(audience)) {
      caller = new Caller.ProducerCaller(ProducerId.of(id));
    } else if (Set.of(CART_AUDIENCE).equals(audience)) {
      caller = new Caller.CartHolder(CartId.of(id));
    } else {
      throw invalid();
    }
    return new Verified(caller, issuedAt.toInstant(), expiresAt.toInstant());
  }

  private String issue(String audience, long subject, Duration lifetime) {
    Instant now = clock.instant();
    return Jwts.builder()
        .issuer(ISSUER)
        .subject(Long.toString(subject))
        .audience()
        .add(audience)
        .and()
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(lifetime)))
        .signWith(key, Jwts.SIG.HS256)
        .compact();
  }

  private static long subjectId(String subject) {
    if (subject == null || subject.isEmpty() || subject.length() > 19) {
      throw invalid();
    }
    for (int i = 0; i < subject.length(); i++) {
      char c = subject.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid();
      }
    }
    try {
      long id = Long.parseLong(subject);
      if (id <= 0) {
        throw invalid();
      }
      return id;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static UnauthenticatedException invalid() {
    return new UnauthenticatedException("The token is invalid");
  }

  private static Duration requirePositive(Duration lifetime, String name) {
    Objects.requireNonNull(lifetime, name);
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return lifetime;
  }

  @Override
  public String toString() {
    return "JjwtTokenService[HS256, producer tokens "
        + producerTokenLifetime
        + ", cart tokens "
        + cartTokenLifetime
        + "]";
  }
}
