package io.sightline.alerts;

/** Which side of a threshold rule's line is the alert: {@code above} or {@code below} it. */
public enum AlertOperator {
    ABOVE("above"),
    BELOW("below");

    private final String apiName;

    AlertOperator(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Whether {@code value} is on the alerting side of {@code threshold}; the line itself is not. */
    boolean crosses(double value, double threshold) {
        return this == ABOVE ? value > threshold : value < threshold;
    }
}
