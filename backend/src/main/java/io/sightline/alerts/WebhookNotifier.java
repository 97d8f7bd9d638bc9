package io.sightline.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.sightline.retry.Backoff;
import io.sightline.web.PublicUrl;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Delivers notifications to their webhooks on threads of its own. {@link #send} never blocks: each
 * accepted notification gets a virtual thread, and at most {@link #CAPACITY} are held at once (being
 * sent or waiting to retry); past that, a notification is dropped, logged and counted. At most {@link
 * #CONNECTIONS} are sent at the same moment. Each attempt re-checks the URL ({@link WebhookUrls}: the
 * name may point elsewhere since the rule was saved) and is retried by {@link WebhookAttempt}'s rules
 * with {@link Backoff} up to {@code max-backoff}, for at most {@code max-attempts} attempts. Every
 * notification ends in exactly one {@link NotificationDelivered} event and one count of {@link
 * DeliveryMeters}. On shutdown, notifications waiting to retry are tried once more at once, and what
 * is still out after {@code webhooks.timeout} is dropped.
 */
@Component
class WebhookNotifier implements AlertNotifier, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    static final int CAPACITY = 1_000;
    static final int CONNECTIONS = 32;

    private final AlertsProperties.Webhooks settings;
    private final WebhookUrls urls;
    private final Supplier<String> publicUrl;
    private final ApplicationEventPublisher events;
    private final DeliveryMeters meters;
    private final Backoff backoff;
    private final WebhookAttempt attempt;
    private final int capacity;
    private final Semaphore slots;
    private final Semaphore connections = new Semaphore(CONNECTIONS);
    private final Set<Thread> delivering = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);

    @Autowired
    WebhookNotifier(
            AlertsProperties properties,
            PublicUrl publicUrl,
            ApplicationEventPublisher events,
            MeterRegistry registry) {
        this(properties.webhooks(), publicUrl::base, events, registry, CAPACITY);
    }

    WebhookNotifier(
            AlertsProperties.Webhooks settings,
            Supplier<String> publicUrl,
            ApplicationEventPublisher events,
            MeterRegistry registry,
            int capacity) {
        this.settings = settings;
        this.urls = new WebhookUrls(settings.allowPrivateAddresses());
        this.publicUrl = publicUrl;
        this.events = events;
        this.meters = new DeliveryMeters(registry);
        this.backoff = new Backoff(
                settings.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
        this.attempt = new WebhookAttempt(settings.timeout());
        this.capacity = capacity;
        this.slots = new Semaphore(capacity);
    }

    @Override
    public void send(Notification notification) {
        if (stopping() || !slots.tryAcquire()) {
            String why = stopping() ? "the server is stopping" : "the notifier's queue is full";
            log.warn(
                    "Alert notification {} of rule {} dropped: {}", notification.eventId(), notification.ruleId(), why);
            // The event's listeners may be slow (a database write): never on the caller's thread.
            Thread.ofVirtual().start(() -> finish(notification, NotificationDelivered.Outcome.DROPPED, 0, why));
            return;
        }
        Thread.ofVirtual().name("alert-webhook-" + notification.eventId()).start(() -> {
            delivering.add(Thread.currentThread());
            try {
                deliver(notification);
            } catch (RuntimeException e) {
                // A bug, not the webhook: still one outcome per notification, and the slot back.
                log.error("Alert notification {} could not be delivered", notification.eventId(), e);
                finish(notification, NotificationDelivered.Outcome.FAILED, 0, e.toString());
            } finally {
                delivering.remove(Thread.currentThread());
                slots.release();
            }
        });
    }

    private void deliver(Notification notification) {
        Payload payload = Payload.of(notification.format(), publicUrl.get());
        byte[] body = payload.body(notification);
        for (int attempts = 1; ; attempts++) {
            Optional<String> problem = urls.problem(notification.webhook().toString());
            if (problem.isPresent()) {
                finish(notification, NotificationDelivered.Outcome.FAILED, attempts - 1, problem.get());
                return;
            }
            WebhookAttempt.Result result;
            try {
                result = post(notification, payload.contentType(), body);
            } catch (InterruptedException e) {
                finish(notification, NotificationDelivered.Outcome.DROPPED, attempts - 1, "the server stopped");
                return;
            }
            if (result instanceof WebhookAttempt.Result.Taken) {
                finish(notification, NotificationDelivered.Outcome.SENT, attempts, "");
                return;
            }
            if (result instanceof WebhookAttempt.Result.Refused refused) {
                finish(notification, NotificationDelivered.Outcome.FAILED, attempts, refused.reason());
                return;
            }
            WebhookAttempt.Result.Retry retry = (WebhookAttempt.Result.Retry) result;
            if (attempts == settings.maxAttempts() || stopping()) {
                String given = stopping() ? "; not tried again: the server is stopping" : "";
                finish(notification, NotificationDelivered.Outcome.FAILED, attempts, retry.reason() + given);
                return;
            }
            if (!waitToRetry(notification, attempts, retry)) {
                finish(notification, NotificationDelivered.Outcome.DROPPED, attempts, "the server stopped");
                return;
            }
        }
    }

    private WebhookAttempt.Result post(Notification notification, String contentType, byte[] body)
            throws InterruptedException {
        connections.acquire();
        try {
            return attempt.post(notification.webhook(), contentType, body);
        } finally {
            connections.release();
        }
    }

    /** Waits out the backoff, cut short by shutdown (then the next attempt is the last); false when interrupted. */
    private boolean waitToRetry(Notification notification, int attempts, WebhookAttempt.Result.Retry retry) {
        Duration wait = backoff.after(attempts, retry.after());
        meters.retried(notification.format());
        log.info(
                "Alert notification {} to {} not taken ({}); attempt {} in {}",
                notification.eventId(),
                notification.webhook().getHost(),
                retry.reason(),
                attempts + 1,
                wait);
        try {
            closing.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private boolean stopping() {
        return closing.getCount() == 0;
    }

    private void finish(Notification notification, NotificationDelivered.Outcome outcome, int attempts, String detail) {
        meters.finished(notification.format(), outcome);
        if (outcome != NotificationDelivered.Outcome.SENT) {
            // The host only: a webhook's path or query often holds its secret (Slack's do).
            log.warn(
                    "Alert notification {} of rule {} to {} {} after {} attempt(s): {}",
                    notification.eventId(),
                    notification.ruleId(),
                    notification.webhook().getHost(),
                    outcome.name().toLowerCase(Locale.ROOT),
                    attempts,
                    detail);
        }
        try {
            events.publishEvent(new NotificationDelivered(
                    notification.eventId(), notification.ruleId(), outcome, attempts, detail));
        } catch (RuntimeException e) {
            log.warn("Recording alert notification {}'s delivery failed", notification.eventId(), e);
        }
    }

    /**
     * Stops taking notifications, wakes those waiting to retry for one last attempt, waits up to
     * {@code webhooks.timeout} for every delivery to end, then interrupts the rest (counted dropped).
     */
    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        if (!slots.tryAcquire(capacity, settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            delivering.forEach(Thread::interrupt);
            slots.tryAcquire(capacity, 5, TimeUnit.SECONDS);
        }
        attempt.close();
    }
}
