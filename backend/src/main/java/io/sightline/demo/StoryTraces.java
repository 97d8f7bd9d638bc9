package io.sightline.demo;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The five debugging stories of the design brief as OTLP traces, with the ordinary traffic around
 * them that makes percentiles, search and comparisons meaningful. Deterministic for a given seed;
 * spread over the 30 minutes before {@code now}. Services mix old and new semantic-convention
 * names, as real fleets do.
 */
final class StoryTraces {

    static final String FAILING_USER = "user-4711";
    static final int PRODUCTS_SELECTS_AFTER = 47;
    /** Story 2's statement: run once per request by 1.4.0, once per product by 1.5.0. */
    static final String PRICES_STATEMENT = "SELECT * FROM product_prices WHERE product_id = $1";

    private final Random random;
    private final Instant now;
    private final String tag;
    private final TraceBuilder.Service checkout;
    private final TraceBuilder.Service auth;
    private final TraceBuilder.Service catalogOld;
    private final TraceBuilder.Service catalogNew;
    private final TraceBuilder.Service cart;
    private final TraceBuilder.Service pricing;
    private final List<ResourceSpans> resourceSpans = new ArrayList<>();
    private int spans;

    /** IDs of the traces each story is about. */
    record Stories(
            List<ResourceSpans> resourceSpans,
            int spanCount,
            String slowCheckout,
            String productsBefore,
            String productsAfter,
            String stagingFailure,
            String failingUserRequest) {}

    private StoryTraces(long seed, Instant now, String tag) {
        this.random = new Random(seed);
        this.now = now;
        this.tag = tag;
        this.checkout = service("checkout-service", "2.3.1", "deployment.environment", "production");
        this.auth = service("auth-service", "1.9.0", "deployment.environment.name", "production");
        this.catalogOld = service("catalog-service", "1.4.0", "deployment.environment.name", "production");
        this.catalogNew = service("catalog-service", "1.5.0", "deployment.environment.name", "production");
        this.cart = service("cart-service", "3.0.2", "deployment.environment.name", "production");
        this.pricing = service("pricing-service", "1.1.0", "deployment.environment.name", "production");
    }

    /** The stories as the demo tells them. */
    static Stories generate(long seed, Instant now) {
        return generate(seed, now, "");
    }

    /**
     * The stories with {@code tag} appended to every service name and to the failing user, so that
     * several sets can live side by side and each be found on its own.
     */
    static Stories generate(long seed, Instant now, String tag) {
        StoryTraces stories = new StoryTraces(seed, now, tag);
        String slow = stories.checkout();
        String[] products = stories.products();
        String staging = stories.asyncNotifications();
        String failing = stories.cartCheckout();
        stories.prices();
        return new Stories(
                List.copyOf(stories.resourceSpans), stories.spans, slow, products[0], products[1], staging, failing);
    }

    /** Story 1: POST /checkout takes ~200 ms; one request took 1.2 s waiting for Stripe. */
    private String checkout() {
        for (int i = 0; i < 80; i++) {
            checkoutTrace(at(i, 80), 10 + random.nextInt(10), 8 + random.nextInt(8), 110 + random.nextInt(60), false);
        }
        return checkoutTrace(now.minus(Duration.ofMinutes(7)), 15, 12, 940, true);
    }

    private String checkoutTrace(Instant start, double authMs, double insertMs, double stripeMs, boolean story) {
        TraceBuilder trace = new TraceBuilder(random, nanos(start));
        double chargeMs = stripeMs + 40;
        double total = story ? 1200 : 5 + authMs + 3 + insertMs + 3 + chargeMs + 20 + random.nextInt(10);
        // checkout-service still uses the old HTTP and database attribute names.
        var root = trace.span(
                checkout,
                null,
                "POST /checkout",
                SpanKind.SPAN_KIND_SERVER,
                0,
                total,
                "http.method",
                "POST",
                "http.route",
                "/checkout",
                "http.status_code",
                200L,
                "enduser.id",
                user(random.nextInt(400)));
        var verify = trace.span(
                checkout,
                root,
                "auth.verify",
                SpanKind.SPAN_KIND_CLIENT,
                5,
                authMs,
                "rpc.system",
                "grpc",
                "rpc.service",
                "auth.Auth",
                "rpc.method",
                "Verify",
                "net.peer.name",
                "auth-service");
        trace.span(
                auth,
                verify,
                "auth.Auth/Verify",
                SpanKind.SPAN_KIND_SERVER,
                1 + 5,
                authMs - 2,
                "rpc.system",
                "grpc",
                "rpc.service",
                "auth.Auth",
                "rpc.method",
                "Verify");
        double at = 5 + authMs + 3;
        trace.span(
                checkout,
                root,
                "INSERT orders",
                SpanKind.SPAN_KIND_CLIENT,
                at,
                insertMs,
                "db.system",
                "postgresql",
                "db.name",
                "shop",
                "db.statement",
                "INSERT INTO orders (id, user_id, total) VALUES ($1, $2, $3)");
        at += insertMs + 3;
        var charge =
                trace.span(checkout, root, "payments.Charge", SpanKind.SPAN_KIND_INTERNAL, at, story ? 980 : chargeMs);
        trace.span(
                checkout,
                charge,
                "POST stripe.com/v1/charges",
                SpanKind.SPAN_KIND_CLIENT,
                at + 20,
                stripeMs,
                "http.method",
                "POST",
                "http.url",
                "https://api.stripe.com/v1/charges",
                "net.peer.name",
                "api.stripe.com",
                "http.status_code",
                200L);
        return add(trace);
    }

    /** Story 2: GET /products, 45 ms on 1.4.0 with one price SELECT; 1.5.0 runs it 47 times in a row per request. */
    private String[] products() {
        String before = null;
        String after = null;
        int requests = 120;
        for (int i = 0; i < requests; i++) {
            Instant start = now.minus(Duration.ofMinutes(30)).plusMillis(i * 7_000L + random.nextInt(5_000));
            TraceBuilder trace = new TraceBuilder(random, nanos(start));
            double selectMs = 25 + random.nextInt(15);
            var root = trace.span(
                    catalogOld,
                    null,
                    "GET /products",
                    SpanKind.SPAN_KIND_SERVER,
                    0,
                    selectMs + 10 + random.nextInt(5),
                    "http.request.method",
                    "GET",
                    "http.route",
                    "/products",
                    "http.response.status_code",
                    200L,
                    "user.id",
                    user(random.nextInt(400)));
            trace.span(
                    catalogOld,
                    root,
                    "SELECT product_prices",
                    SpanKind.SPAN_KIND_CLIENT,
                    4,
                    selectMs,
                    "db.system.name",
                    "postgresql",
                    "db.namespace",
                    "catalog",
                    "db.query.text",
                    PRICES_STATEMENT);
            before = before == null ? add(trace) : addAndKeep(trace, before);
        }
        for (int i = 0; i < requests; i++) {
            Instant start = now.minus(Duration.ofMinutes(14)).plusMillis(i * 6_500L + random.nextInt(5_000));
            TraceBuilder trace = new TraceBuilder(random, nanos(start));
            double cursor = 4;
            List<Double> calls = new ArrayList<>();
            for (int call = 0; call < PRODUCTS_SELECTS_AFTER; call++) {
                calls.add(15 + random.nextDouble() * 7);
            }
            double total = 4 + calls.stream().mapToDouble(Double::doubleValue).sum() + PRODUCTS_SELECTS_AFTER * 0.3 + 6;
            var root = trace.span(
                    catalogNew,
                    null,
                    "GET /products",
                    SpanKind.SPAN_KIND_SERVER,
                    0,
                    total,
                    "http.request.method",
                    "GET",
                    "http.route",
                    "/products",
                    "http.response.status_code",
                    200L,
                    "user.id",
                    user(random.nextInt(400)));
            for (double ms : calls) {
                trace.span(
                        catalogNew,
                        root,
                        "SELECT product_prices",
                        SpanKind.SPAN_KIND_CLIENT,
                        cursor,
                        ms,
                        "db.system.name",
                        "postgresql",
                        "db.namespace",
                        "catalog",
                        "db.query.text",
                        PRICES_STATEMENT);
                cursor += ms + 0.3;
            }
            after = after == null ? add(trace) : addAndKeep(trace, after);
        }
        return new String[] {before, after};
    }

    /** Story 3: an order event crosses pub/sub; the subscriber's SQL fails in staging only. */
    private String asyncNotifications() {
        String failing = null;
        for (String environment : List.of("production", "staging")) {
            TraceBuilder.Service orders =
                    service("orders-service", "4.2.0", "deployment.environment.name", environment);
            TraceBuilder.Service notifications =
                    service("notification-service", "2.0.0", "deployment.environment.name", environment);
            boolean staging = environment.equals("staging");
            for (int i = 0; i < 12; i++) {
                TraceBuilder trace = new TraceBuilder(random, nanos(at(i, 12)));
                var root = trace.span(
                        orders,
                        null,
                        "POST /orders",
                        SpanKind.SPAN_KIND_SERVER,
                        0,
                        60,
                        "http.request.method",
                        "POST",
                        "http.route",
                        "/orders",
                        "http.response.status_code",
                        201L,
                        "user.id",
                        user(random.nextInt(400)));
                var publish = trace.span(
                        orders,
                        root,
                        "orders.created publish",
                        SpanKind.SPAN_KIND_PRODUCER,
                        40,
                        8,
                        "messaging.system",
                        "gcp_pubsub",
                        "messaging.destination.name",
                        "orders.created",
                        "messaging.operation.type",
                        "send");
                var consume = trace.span(
                                notifications,
                                publish,
                                "orders.created process",
                                SpanKind.SPAN_KIND_CONSUMER,
                                120,
                                35,
                                "messaging.system",
                                "gcp_pubsub",
                                "messaging.destination.name",
                                "orders.created",
                                "messaging.operation.type",
                                "process")
                        .link(trace.traceId(), publish.spanId());
                var query = trace.span(
                        notifications,
                        consume,
                        "SELECT email_templates",
                        SpanKind.SPAN_KIND_CLIENT,
                        125,
                        staging ? 3 : 6,
                        "db.system.name",
                        "postgresql",
                        "db.namespace",
                        staging ? "notifications_staging" : "notifications",
                        "server.address",
                        staging ? "pg-staging.internal" : "pg-prod.internal",
                        "db.query.text",
                        "SELECT body FROM email_templates WHERE name = $1");
                if (staging) {
                    query.error("relation \"email_templates\" does not exist")
                            .exception(
                                    "org.postgresql.util.PSQLException",
                                    "ERROR: relation \"email_templates\" does not exist",
                                    "org.postgresql.util.PSQLException: ERROR: relation \"email_templates\" does not exist\n"
                                            + "\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)\n"
                                            + "\tat com.example.notify.TemplateRepository.find(TemplateRepository.java:42)");
                    consume.error("could not render order confirmation");
                } else {
                    trace.span(
                            notifications,
                            consume,
                            "POST api.sendgrid.com/v3/mail/send",
                            SpanKind.SPAN_KIND_CLIENT,
                            133,
                            20,
                            "http.request.method",
                            "POST",
                            "url.full",
                            "https://api.sendgrid.com/v3/mail/send",
                            "server.address",
                            "api.sendgrid.com",
                            "http.response.status_code",
                            202L);
                }
                String id = add(trace);
                failing = staging && failing == null ? id : failing;
            }
        }
        return failing;
    }

    /** Story 4: one user's checkout fails — their cart query returned no rows and the handler threw. */
    private String cartCheckout() {
        String failing = null;
        for (int i = 0; i < 90; i++) {
            boolean fails = i == 61;
            String user = fails ? FAILING_USER + tag : user(i);
            TraceBuilder trace = new TraceBuilder(random, nanos(at(i, 90)));
            double selectMs = 4 + random.nextInt(6);
            var root = trace.span(
                    cart,
                    null,
                    "POST /cart/checkout",
                    SpanKind.SPAN_KIND_SERVER,
                    0,
                    selectMs + 25,
                    "http.request.method",
                    "POST",
                    "http.route",
                    "/cart/checkout",
                    "http.response.status_code",
                    fails ? 500L : 200L,
                    "user.id",
                    user);
            trace.span(
                    cart,
                    root,
                    "SELECT cart_items",
                    SpanKind.SPAN_KIND_CLIENT,
                    3,
                    selectMs,
                    "db.system.name",
                    "postgresql",
                    "db.namespace",
                    "carts",
                    "db.query.text",
                    "SELECT sku, quantity FROM cart_items WHERE user_id = $1",
                    "db.response.returned_rows",
                    fails ? 0L : (long) (1 + random.nextInt(6)));
            var handler =
                    trace.span(cart, root, "CheckoutHandler.handle", SpanKind.SPAN_KIND_INTERNAL, 4 + selectMs, 15);
            if (fails) {
                handler.error("cart is empty")
                        .exception(
                                "com.example.cart.EmptyCartException",
                                "cart of " + user + " is empty",
                                "com.example.cart.EmptyCartException: cart of " + user + " is empty\n"
                                        + "\tat com.example.cart.CheckoutHandler.handle(CheckoutHandler.java:57)");
                root.error("Internal Server Error");
            }
            String id = add(trace);
            failing = fails ? id : failing;
        }
        return failing;
    }

    /** Story 5: GET /prices/{sku} — the Redis cache hits 12 % of the time; the rest fall through to the database. */
    private void prices() {
        int requests = 100;
        for (int i = 0; i < requests; i++) {
            boolean hit = i % 25 < 3; // 12 of 100
            TraceBuilder trace = new TraceBuilder(random, nanos(at(i, requests)));
            double total = hit ? 3 : 22 + random.nextInt(10);
            var root = trace.span(
                    pricing,
                    null,
                    "GET /prices/{sku}",
                    SpanKind.SPAN_KIND_SERVER,
                    0,
                    total,
                    "http.request.method",
                    "GET",
                    "http.route",
                    "/prices/{sku}",
                    "http.response.status_code",
                    200L,
                    "user.id",
                    user(random.nextInt(400)));
            trace.span(
                    pricing,
                    root,
                    "GET",
                    SpanKind.SPAN_KIND_CLIENT,
                    0.5,
                    1,
                    "db.system.name",
                    "redis",
                    "db.operation.name",
                    "GET",
                    "db.query.text",
                    "GET price:{sku}",
                    "cache.hit",
                    hit);
            if (!hit) {
                trace.span(
                        pricing,
                        root,
                        "SELECT prices",
                        SpanKind.SPAN_KIND_CLIENT,
                        2,
                        total - 6,
                        "db.system.name",
                        "postgresql",
                        "db.namespace",
                        "pricing",
                        "db.query.text",
                        "SELECT amount, currency FROM prices WHERE sku = $1");
                trace.span(
                        pricing,
                        root,
                        "SET",
                        SpanKind.SPAN_KIND_CLIENT,
                        total - 3,
                        1,
                        "db.system.name",
                        "redis",
                        "db.operation.name",
                        "SET",
                        "db.query.text",
                        "SET price:{sku} ? EX 60");
            }
            add(trace);
        }
    }

    private String add(TraceBuilder trace) {
        resourceSpans.addAll(trace.build());
        spans += trace.spanCount();
        return trace.traceId();
    }

    private String addAndKeep(TraceBuilder trace, String kept) {
        add(trace);
        return kept;
    }

    /** The i-th of n requests spread over the last 30 minutes, with jitter. */
    private Instant at(int i, int n) {
        long slot = Duration.ofMinutes(30).toMillis() / n;
        return now.minus(Duration.ofMinutes(30)).plusMillis(i * slot + random.nextInt((int) Math.max(1, slot)));
    }

    private TraceBuilder.Service service(String name, String version, String environmentKey, String environment) {
        return new TraceBuilder.Service(name + tag, version, environmentKey, environment);
    }

    private static String user(int n) {
        return "user-" + (1000 + n);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
