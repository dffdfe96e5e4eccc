package org.barebones.store.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.barebones.store.domain.event.DeliveryObserver;
import org.barebones.store.domain.event.DeliveryPolicy;
import org.barebones.store.domain.event.EventDispatcher;
import org.barebones.store.domain.event.EventId;
import org.barebones.store.domain.event.EventListener;
import org.barebones.store.domain.event.EventRecorder;
import org.barebones.store.domain.event.EventTarget;
import org.barebones.store.domain.event.OutboxHousekeeping;
import org.barebones.store.domain.inmemory.InMemoryCartRepository;
import org.barebones.store.domain.inmemory.InMemoryEventOutbox;
import org.barebones.store.domain.inmemory.InMemoryIdempotencyRecords;
import org.barebones.store.domain.inmemory.InMemoryOrderRepository;
import org.barebones.store.domain.inmemory.InMemoryProducerRepository;
import org.barebones.store.domain.inmemory.InMemoryProductRepository;
import org.barebones.store.domain.inmemory.InMemoryTokenService;
import org.barebones.store.domain.inmemory.InMemoryTransactions;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.domain.port.CancellationListener;
import org.barebones.store.domain.port.CartMetrics;
import org.barebones.store.domain.port.CheckoutListener;
import org.barebones.store.domain.port.PasswordHasher;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.port.TokenService;
import org.barebones.store.domain.usecase.CancelOrder;
import org.barebones.store.domain.usecase.CartCreationLimit;
import org.barebones.store.domain.usecase.ChangeProduct;
import org.barebones.store.domain.usecase.Checkout;
import org.barebones.store.domain.usecase.CreateCart;
import org.barebones.store.domain.usecase.CreateProduct;
import org.barebones.store.domain.usecase.DeleteCart;
import org.barebones.store.domain.usecase.DeleteProduct;
import org.barebones.store.domain.usecase.ExpireIdempotencyRecords;
import org.barebones.store.domain.usecase.ExpireIdleCarts;
import org.barebones.store.domain.usecase.GetOrder;
import org.barebones.store.domain.usecase.GetProducer;
import org.barebones.store.domain.usecase.GetProduct;
import org.barebones.store.domain.usecase.IdempotentRequests;
import org.barebones.store.domain.usecase.ListProducerOrders;
import org.barebones.store.domain.usecase.ListProducers;
import org.barebones.store.domain.usecase.ListProducts;
import org.barebones.store.domain.usecase.LogInProducer;
import org.barebones.store.domain.usecase.LoginThrottle;
import org.barebones.store.domain.usecase.PasswordHashingGate;
import org.barebones.store.domain.usecase.RegisterProducer;
import org.barebones.store.domain.usecase.SetCartLine;
import org.barebones.store.domain.usecase.ShipOrder;
import org.barebones.store.domain.usecase.SignUpLimit;
import org.barebones.store.domain.usecase.ViewCart;

/**
 * Entry point: the whole store, its use cases wired to a set of driven adapters. {@link
 * #inMemory()} runs it with no database; {@link #builder()} takes any adapters (the JDBI ones, a
 * signed-token service, a cheaper password hasher for tests) and the targets of its events
 * (in-process listeners, webhook endpoints), which a dispatcher thread of its own serves from
 * {@link #start()} to {@link #close()}. Building a store starts no thread.
 */
public final class Store implements AutoCloseable {

  public static final Currency DEFAULT_CURRENCY = Currency.getInstance("USD");
  public static final Duration DEFAULT_PRODUCER_TOKEN_LIFETIME = Duration.ofHours(24);
  public static final Duration DEFAULT_CART_TOKEN_LIFETIME = Duration.ofDays(30);

  private final StorePersistence persistence;
  private final RegisterProducer registerProducer;
  private final LogInProducer logInProducer;
  private final ListProducers listProducers;
  private final GetProducer getProducer;
  private final CreateProduct createProduct;
  private final ChangeProduct changeProduct;
  private final DeleteProduct deleteProduct;
  private final ListProducts listProducts;
  private final GetProduct getProduct;
  private final CreateCart createCart;
  private final ViewCart viewCart;
  private final SetCartLine setCartLine;
  private final DeleteCart deleteCart;
  private final Checkout checkout;
  private final GetOrder getOrder;
  private final ExpireIdleCarts expireIdleCarts;
  private final ListProducerOrders listProducerOrders;
  private final ShipOrder shipOrder;
  private final CancelOrder cancelOrder;
  private final TokenService tokens;
  private final Currency currency;
  private final EventDispatcher eventDispatcher;
  private final IdempotentRequests idempotentRequests;
  private final ExpireIdempotencyRecords expireIdempotencyRecords;
  private final OutboxHousekeeping outboxHousekeeping;

  private Store(Builder b) {
    StorePersistence p = Objects.requireNonNull(b.persistence, "persistence");
    Clock clock = b.clock;
    this.persistence = p;
    this.tokens =
        b.tokens != null
            ? b.tokens
            : new InMemoryTokenService(
                clock, DEFAULT_PRODUCER_TOKEN_LIFETIME, DEFAULT_CART_TOKEN_LIFETIME);
    PasswordHasher hasher = b.hasher != null ? b.hasher : new Pbkdf2PasswordHasher();
    this.currency = b.currency;
    EventRecorder events =
        new EventRecorder(
            p.events(), b.eventTargets, clock, EventId::random, b.keepUnsubscribedEvents);
    this.registerProducer =
        new RegisterProducer(p.producers(), hasher, tokens, b.signUpLimit, b.hashingGate);
    this.logInProducer =
        new LogInProducer(
            p.producers(), p.products(), hasher, tokens, b.loginThrottle, b.hashingGate);
    this.listProducers = new ListProducers(p.producers(), p.products());
    this.getProducer = new GetProducer(p.producers(), p.products());
    this.createProduct = new CreateProduct(p.producers(), p.products(), currency);
    this.changeProduct = new ChangeProduct(p.products(), p.transactions(), events);
    this.deleteProduct = new DeleteProduct(p.products(), p.carts(), p.transactions());
    this.listProducts = new ListProducts(p.products());
    this.getProduct = new GetProduct(p.products());
    this.createCart = new CreateCart(p.carts(), tokens, clock, b.cartCreationLimit, b.cartMetrics);
    this.viewCart = new ViewCart(p.carts(), p.products(), p.transactions(), clock);
    this.setCartLine = new SetCartLine(p.carts(), p.products(), p.transactions(), clock);
    this.deleteCart = new DeleteCart(p.carts(), p.transactions());
    this.checkout =
        new Checkout(
            p.carts(),
            p.products(),
            p.orders(),
            p.transactions(),
            events,
            clock,
            b.checkoutListener);
    this.getOrder = new GetOrder(p.orders());
    this.expireIdleCarts =
        new ExpireIdleCarts(
            p.carts(), clock, b.cartIdleLifetime, b.cartSweepBatchSize, b.cartMetrics);
    this.listProducerOrders = new ListProducerOrders(p.orders());
    this.shipOrder = new ShipOrder(p.orders(), p.transactions(), events, clock);
    this.cancelOrder =
        new CancelOrder(
            p.orders(), p.products(), p.transactions(), events, clock, b.cancellationListener);
    this.idempotentRequests =
        new IdempotentRequests(p.idempotency(), p.transactions(), clock, b.idempotencyRetention);
    this.expireIdempotencyRecords =
        new ExpireIdempotencyRecords(p.idempotency(), clock, b.idempotencySweepBatchSize);
    this.eventDispatcher =
        new EventDispatcher(
            p.events(),
            b.eventTargets,
            b.deliveryPolicy,
            clock,
            b.dispatchSettings,
            b.deliveryObserver);
    this.outboxHousekeeping =
        new OutboxHousekeeping(
            p.events(),
            b.eventTargets.stream().map(EventTarget::name).toList(),
            clock,
            b.eventRetention,
            OutboxHousekeeping.DEFAULT_BATCH_SIZE);
  }

  /** A store held entirely in this process's memory, with default settings. */
  public static Store inMemory() {
    return builder().inMemoryPersistence().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** In-memory repositories and transactions for {@code currency}, sharing one lock. */
  public static StorePersistence inMemoryPersistence(Currency currency) {
    InMemoryTransactions tx = new InMemoryTransactions();
    return new StorePersistence(
        new InMemoryProducerRepository(tx),
        new InMemoryProductRepository(tx),
        new InMemoryCartRepository(tx, currency),
        new InMemoryOrderRepository(tx),
        new InMemoryEventOutbox(tx),
        tx,
        new InMemoryIdempotencyRecords(tx));
  }

  public StorePersistence persistence() {
    return persistence;
  }

  /** Delivers the events to the builder's targets, from {@link #start()} to {@link #close()}. */
  public EventDispatcher eventDispatcher() {
    return eventDispatcher;
  }

  /**
   * Starts delivering events to the builder's targets on threads of the store's own (none when
   * there is no target); a second call does nothing. Until then, events wait in the outbox.
   */
  public Store start() {
    eventDispatcher.start();
    return this;
  }

  /**
   * Abandons deliveries to targets no longer configured, re-queues those of targets configured
   * again, and deletes settled deliveries and events older than the retention; something must run
   * it now and then (the server schedules it).
   */
  public OutboxHousekeeping outboxHousekeeping() {
    return outboxHousekeeping;
  }

  /** Stops the event dispatcher; undelivered events wait in the outbox for the next start. */
  @Override
  public void close() {
    eventDispatcher.close();
  }

  public TokenService tokens() {
    return tokens;
  }

  public Currency currency() {
    return currency;
  }

  public RegisterProducer registerProducer() {
    return registerProducer;
  }

  public LogInProducer logInProducer() {
    return logInProducer;
  }

  public ListProducers listProducers() {
    return listProducers;
  }

  public GetProducer getProducer() {
    return getProducer;
  }

  public CreateProduct createProduct() {
    return createProduct;
  }

  public ChangeProduct changeProduct() {
    return changeProduct;
  }

  public DeleteProduct deleteProduct() {
    return deleteProduct;
  }

  public ListProducts listProducts() {
    return listProducts;
  }

  public GetProduct getProduct() {
    return getProduct;
  }

  public CreateCart createCart() {
    return createCart;
  }

  public ViewCart viewCart() {
    return viewCart;
  }

  public SetCartLine setCartLine() {
    return setCartLine;
  }

  public DeleteCart deleteCart() {
    return deleteCart;
  }

  public Checkout checkout() {
    return checkout;
  }

  public GetOrder getOrder() {
    return getOrder;
  }

  /** Deletes idle open carts; something must run it now and then (the server schedules it). */
  public ExpireIdleCarts expireIdleCarts() {
    return expireIdleCarts;
  }

  public ListProducerOrders listProducerOrders() {
    return listProducerOrders;
  }

  public ShipOrder shipOrder() {
    return shipOrder;
  }

  public CancelOrder cancelOrder() {
    return cancelOrder;
  }

  /** Carries out requests sent with an idempotency key once, and replays their answers. */
  public IdempotentRequests idempotentRequests() {
    return idempotentRequests;
  }

  /**
   * Deletes idempotency records past their retention; something must run it now and then (the
   * server schedules it).
   */
  public ExpireIdempotencyRecords expireIdempotencyRecords() {
    return expireIdempotencyRecords;
  }

  /** Assembles a {@link Store}; everything but the persistence has a default. */
  public static final class Builder {
    private StorePersistence persistence;
    private boolean inMemory;
    private TokenService tokens;
    private PasswordHasher hasher;
    private Clock clock = Clock.systemUTC();
    private Currency currency = DEFAULT_CURRENCY;
    private LoginThrottle loginThrottle;
    private CartCreationLimit cartCreationLimit;
    private SignUpLimit signUpLimit;
    private PasswordHashingGate hashingGate;
    private CartMetrics cartMetrics = CartMetrics.NONE;
    private Duration cartIdleLifetime = DEFAULT_CART_TOKEN_LIFETIME;
    private int cartSweepBatchSize = ExpireIdleCarts.DEFAULT_BATCH_SIZE;
    private CheckoutListener checkoutListener = CheckoutListener.NONE;
    private CancellationListener cancellationListener = CancellationListener.NONE;
    private final List<EventTarget> eventTargets = new ArrayList<>();
    private DeliveryPolicy deliveryPolicy = DeliveryPolicy.DEFAULT;
    private EventDispatcher.Settings dispatchSettings = EventDispatcher.Settings.DEFAULT;
    private DeliveryObserver deliveryObserver = DeliveryObserver.NONE;
    private Duration idempotencyRetention = IdempotentRequests.DEFAULT_RETENTION;
    private int idempotencySweepBatchSize = ExpireIdempotencyRecords.DEFAULT_BATCH_SIZE;
    private boolean inMemoryTokens;
    private boolean keepUnsubscribedEvents = true;
    private Duration eventRetention = OutboxHousekeeping.DEFAULT_RETENTION;

    private Builder() {}

    /** How long the answer to a request sent with an idempotency key is kept; defaults to 24 h. */
    public Builder idempotencyRetention(Duration retention) {
      this.idempotencyRetention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /** Expired idempotency records deleted per unit of work by the sweep; defaults to 100. */
    public Builder idempotencySweepBatchSize(int batchSize) {
      this.idempotencySweepBatchSize = batchSize;
      return this;
    }

    /**
     * Whether an event no target subscribes to is recorded all the same (default {@code true}, for
     * an embedder that reads the outbox as an event log); {@code false} records only events some
     * target will be sent.
     */
    public Builder keepUnsubscribedEvents(boolean keep) {
      this.keepUnsubscribedEvents = keep;
      return this;
    }

    /**
     * How long {@link Store#outboxHousekeeping()} keeps settled deliveries and their events;
     * defaults to {@link OutboxHousekeeping#DEFAULT_RETENTION}; zero keeps them for ever.
     */
    public Builder eventRetention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative()) {
        throw new IllegalArgumentException("retention must not be negative");
      }
      this.eventRetention = retention;
      return this;
    }

    /**
     * Registers an in-process listener of every event type. Each event recorded while the store
     * runs is offered to it after its transaction commits, at least once, on a dispatcher thread;
     * if it throws, the event is offered again later (see {@link #deliveryPolicy}). {@code name}
     * keys its deliveries in the outbox: keep it the same across restarts and nodes.
     */
    public Builder eventListener(String name, EventListener listener) {
      return eventTarget(EventTarget.ofAll("listener:" + name, listener));
    }

    /** Registers a target of some event types (a webhook endpoint, a listener). */
    public Builder eventTarget(EventTarget target) {
      Objects.requireNonNull(target, "target");
      if (eventTargets.stream().anyMatch(t -> t.name().equals(target.name()))) {
        throw new IllegalArgumentException("two event targets are named " + target.name());
      }
      eventTargets.add(target);
      return this;
    }

    /** Retry timing of failed deliveries; defaults to {@link DeliveryPolicy#DEFAULT}. */
    public Builder deliveryPolicy(DeliveryPolicy policy) {
      this.deliveryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Concurrency and polling of the dispatcher; defaults to {@link
     * EventDispatcher.Settings#DEFAULT}.
     */
    public Builder dispatchSettings(EventDispatcher.Settings settings) {
      this.dispatchSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Told how each delivery attempt ended (metrics). */
    public Builder deliveryObserver(DeliveryObserver observer) {
      this.deliveryObserver = Objects.requireNonNull(observer, "observer");
      return this;
    }

    public Builder persistence(StorePersistence persistence) {
      this.persistence = Objects.requireNonNull(persistence, "persistence");
      this.inMemory = false;
      return this;
    }

    /** Repositories in this process's memory, in the builder's currency (whenever it is set). */
    public Builder inMemoryPersistence() {
      this.persistence = null;
      this.inMemory = true;
      return this;
    }

    /**
     * The service that issues and verifies tokens. Required with a durable {@link #persistence}
     * (tokens must outlive the process as its carts do; {@code JjwtTokenService} of store-http is
     * one); with {@link #inMemoryPersistence()} it defaults to an {@link InMemoryTokenService} with
     * 24 h producer and 30 day cart tokens.
     */
    public Builder tokens(TokenService tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      this.inMemoryTokens = false;
      return this;
    }

    /**
     * Tokens kept in this process's memory, knowingly, even over a durable persistence (tests, or a
     * single process that accepts that a restart logs everyone out and orphans every cart).
     */
    public Builder inMemoryTokens() {
      this.tokens = null;
      this.inMemoryTokens = true;
      return this;
    }

    /** Defaults to {@link Pbkdf2PasswordHasher} at 600,000 iterations. */
    public Builder passwordHasher(PasswordHasher hasher) {
      this.hasher = Objects.requireNonNull(hasher, "hasher");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder currency(Currency currency) {
      this.currency = Objects.requireNonNull(currency, "currency");
      return this;
    }

    /**
     * Defaults to 10 failures per address, and per username from addresses it has not logged in
     * from, within 15 minutes (a backstop of 100 per username within an hour), on the builder's
     * clock.
     */
    public Builder loginThrottle(LoginThrottle loginThrottle) {
      this.loginThrottle = Objects.requireNonNull(loginThrottle, "loginThrottle");
      return this;
    }

    /**
     * Defaults to {@link CartCreationLimit#DEFAULT_MAX_PER_ADDRESS} carts per address per minute,
     * on the builder's clock; {@code createCart().create()} with no address is never limited.
     */
    public Builder cartCreationLimit(CartCreationLimit cartCreationLimit) {
      this.cartCreationLimit = Objects.requireNonNull(cartCreationLimit, "cartCreationLimit");
      return this;
    }

    /**
     * Defaults to {@link SignUpLimit#DEFAULT_MAX_PER_ADDRESS} sign-ups per address per hour, on the
     * builder's clock; {@code registerProducer().register(command)} with no address is never
     * limited.
     */
    public Builder signUpLimit(SignUpLimit signUpLimit) {
      this.signUpLimit = Objects.requireNonNull(signUpLimit, "signUpLimit");
      return this;
    }

    /**
     * Bounds the password hashes of sign-ups and log-ins running at once; defaults to {@link
     * PasswordHashingGate#defaults()} (every core but one, one per client address at a time).
     */
    public Builder passwordHashingGate(PasswordHashingGate hashingGate) {
      this.hashingGate = Objects.requireNonNull(hashingGate, "hashingGate");
      return this;
    }

    /** Defaults to {@link CartMetrics#NONE}. */
    public Builder cartMetrics(CartMetrics cartMetrics) {
      this.cartMetrics = Objects.requireNonNull(cartMetrics, "cartMetrics");
      return this;
    }

    /** How long an open cart may go unchanged before it expires; defaults to 30 days. */
    public Builder cartIdleLifetime(Duration cartIdleLifetime) {
      this.cartIdleLifetime = Objects.requireNonNull(cartIdleLifetime, "cartIdleLifetime");
      return this;
    }

    /** Idle carts deleted per unit of work by {@link Store#expireIdleCarts()}; defaults to 100. */
    public Builder cartSweepBatchSize(int cartSweepBatchSize) {
      this.cartSweepBatchSize = cartSweepBatchSize;
      return this;
    }

    /** Told of every order placed and every checkout refused for stock or price (metrics). */
    public Builder checkoutListener(CheckoutListener checkoutListener) {
      this.checkoutListener = Objects.requireNonNull(checkoutListener, "checkoutListener");
      return this;
    }

    /** Told of every cancellation that canceled something, with the units restocked (metrics). */
    public Builder cancellationListener(CancellationListener cancellationListener) {
      this.cancellationListener =
          Objects.requireNonNull(cancellationListener, "cancellationListener");
      return this;
    }

    /**
     * The store, ready for use; its dispatcher does not run until {@link Store#start()}.
     *
     * @throws NullPointerException with no persistence
     * @throws IllegalStateException with a durable persistence and no token service
     */
    public Store build() {
      if (inMemory) {
        persistence = Store.inMemoryPersistence(currency);
      }
      Objects.requireNonNull(persistence, "persistence");
      if (tokens == null
          && !inMemoryTokens
          && !(persistence.transactions() instanceof InMemoryTransactions)) {
        throw new IllegalStateException(
            "Store.builder() was given a durable persistence but no token service: its carts and"
                + " producers outlive this process, in-memory tokens would not. Pass"
                + " .tokens(...) (for example store-http's JjwtTokenService with a kept secret),"
                + " or .inMemoryTokens() to accept tokens that die with the process.");
      }
      if (loginThrottle == null) {
        loginThrottle =
            new LoginThrottle(
                clock, LoginThrottle.DEFAULT_MAX_FAILURES, LoginThrottle.DEFAULT_WINDOW);
      }
      if (signUpLimit == null) {
        signUpLimit =
            new SignUpLimit(clock, SignUpLimit.DEFAULT_MAX_PER_ADDRESS, SignUpLimit.DEFAULT_WINDOW);
      }
      if (hashingGate == null) {
        hashingGate = PasswordHashingGate.defaults();
      }
      if (cartCreationLimit == null) {
        cartCreationLimit =
            new CartCreationLimit(
                clock, CartCreationLimit.DEFAULT_MAX_PER_ADDRESS, CartCreationLimit.DEFAULT_WINDOW);
      }
      return new Store(this);
    }
  }
}
