package io.sightline.alerts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code alert_events}: one transition of a rule (or one test notification), with the breach
 * it reported and its evidence as JSON. Never changed once written, except that its notification's
 * delivery outcome is filled in once, when the notifier reports it ({@link
 * AlertEventRepository#delivered}).
 */
@Entity
@Table(name = "alert_events")
class AlertEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long ruleId;
    private long projectId;

    @Enumerated(EnumType.STRING)
    private AlertState state;

    private boolean test;

    @Column(name = "occurred_at")
    private Instant at;

    @Enumerated(EnumType.STRING)
    private AlertMetric metric;

    private String endpoint;
    private Double measured;
    private Double threshold;
    private Instant windowFrom;
    private Instant windowTo;
    private Long deployId;
    private String deployVersion;
    private String previousVersion;
    private String finding;
    private String evidence;

    @Enumerated(EnumType.STRING)
    private NotificationDelivered.Outcome deliveryOutcome;

    private Integer deliveryAttempts;
    private String deliveryDetail;
    private Instant deliveredAt;

    protected AlertEvent() {}

    AlertEvent(long ruleId, AlertState state, boolean test, Instant at, Breach breach, Long deployId, String evidence) {
        this.ruleId = ruleId;
        this.projectId = breach.projectId();
        this.state = state;
        this.test = test;
        this.at = at;
        this.metric = breach.metric();
        this.endpoint = breach.endpoint();
        this.measured = breach.value();
        this.threshold = breach.threshold();
        this.windowFrom = breach.from();
        this.windowTo = breach.to();
        this.deployId = deployId;
        if (breach.deploy() != null) {
            this.deployVersion = breach.deploy().version();
            this.previousVersion = breach.deploy().previousVersion();
            this.finding = breach.deploy().finding();
        }
        this.evidence = evidence;
    }

    long id() {
        return id;
    }

    long ruleId() {
        return ruleId;
    }

    AlertState state() {
        return state;
    }

    boolean test() {
        return test;
    }

    Instant at() {
        return at;
    }

    AlertMetric metric() {
        return metric;
    }

    String endpoint() {
        return endpoint;
    }

    Double measured() {
        return measured;
    }

    Double threshold() {
        return threshold;
    }

    Instant windowFrom() {
        return windowFrom;
    }

    Instant windowTo() {
        return windowTo;
    }

    Long deployId() {
        return deployId;
    }

    String deployVersion() {
        return deployVersion;
    }

    String previousVersion() {
        return previousVersion;
    }

    String finding() {
        return finding;
    }

    String evidence() {
        return evidence;
    }

    /** Null until the notification's delivery ended. */
    NotificationDelivered.Outcome deliveryOutcome() {
        return deliveryOutcome;
    }

    Integer deliveryAttempts() {
        return deliveryAttempts;
    }

    String deliveryDetail() {
        return deliveryDetail;
    }

    Instant deliveredAt() {
        return deliveredAt;
    }
}
