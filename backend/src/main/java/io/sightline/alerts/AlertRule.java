package io.sightline.alerts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A row of {@code alert_rules}: the rule's definition and what its evaluations saw. {@code version}
 * grows with every change of definition or state, and the repository writes a transition only over
 * the version its evaluation read, so a rule edited, deleted or moved on meanwhile is never
 * overwritten.
 */
@Entity
@Table(name = "alert_rules")
class AlertRule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long projectId;

    @Enumerated(EnumType.STRING)
    private RuleType type;

    private String name;
    private String service;
    private String endpoint;

    @Enumerated(EnumType.STRING)
    private AlertMetric metric;

    @Enumerated(EnumType.STRING)
    private AlertOperator operator;

    private Double threshold;
    private Double factor;
    private long windowSeconds;

    @Column(name = "webhook_url")
    private String webhookUrl;

    @Enumerated(EnumType.STRING)
    private NotificationFormat format;

    @Enumerated(EnumType.STRING)
    private AlertState state;

    private Instant stateSince;
    private Double lastValue;
    private Instant lastEvaluatedAt;
    private String lastError;
    private long version;

    @Column(updatable = false)
    private Instant createdAt;

    private Instant updatedAt;

    protected AlertRule() {}

    AlertRule(long projectId, AlertRuleInput input, Instant now) {
        this.projectId = projectId;
        this.createdAt = now;
        define(input, now);
    }

    /** Takes the new definition; the rule starts over in {@code OK}, since what it watched changed. */
    void define(AlertRuleInput input, Instant now) {
        type = input.type();
        name = input.name();
        service = input.service();
        endpoint = input.endpoint();
        metric = input.metric();
        operator = input.operator();
        threshold = input.threshold();
        factor = input.factor();
        windowSeconds = input.window().toSeconds();
        webhookUrl = input.webhookUrl();
        format = input.format();
        state = AlertState.OK;
        stateSince = now;
        lastValue = null;
        lastEvaluatedAt = null;
        lastError = null;
        updatedAt = now;
        version++;
    }

    long id() {
        return id;
    }

    long projectId() {
        return projectId;
    }

    RuleType type() {
        return type;
    }

    String name() {
        return name;
    }

    String service() {
        return service;
    }

    String endpoint() {
        return endpoint;
    }

    AlertMetric metric() {
        return metric;
    }

    AlertOperator operator() {
        return operator;
    }

    Double threshold() {
        return threshold;
    }

    Double factor() {
        return factor;
    }

    Duration window() {
        return Duration.ofSeconds(windowSeconds);
    }

    String webhookUrl() {
        return webhookUrl;
    }

    NotificationFormat format() {
        return format;
    }

    AlertState state() {
        return state;
    }

    Instant stateSince() {
        return stateSince;
    }

    Double lastValue() {
        return lastValue;
    }

    Instant lastEvaluatedAt() {
        return lastEvaluatedAt;
    }

    String lastError() {
        return lastError;
    }

    long version() {
        return version;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
