package io.sightline.alerts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sightline.alerts.*}.
 *
 * @param evaluationInterval how often every rule is evaluated
 * @param webhooks how notifications leave
 */
@ConfigurationProperties("sightline.alerts")
public record AlertsProperties(
        @DefaultValue("1m") Duration evaluationInterval,
        @DefaultValue Webhooks webhooks) {

    public AlertsProperties {
        if (evaluationInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sightline.alerts.evaluation-interval must be at least 1s");
        }
    }

    /**
     * @param allowPrivateAddresses whether a webhook may point at a loopback, private, link-local or
     *     unique-local address; off by default, so a rule cannot make the server call into its own
     *     network. The instance's administrator decides.
     * @param timeout connect and answer timeout of one delivery attempt
     * @param maxAttempts attempts per notification before it is given up and recorded as failed
     * @param maxBackoff the longest wait between two attempts
     */
    public record Webhooks(
            @DefaultValue("false") boolean allowPrivateAddresses,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("5m") Duration maxBackoff) {

        public Webhooks {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("sightline.alerts.webhooks.max-attempts must be at least 1");
            }
        }
    }
}
