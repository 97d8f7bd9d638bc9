package io.sightline.alerts;

/**
 * A threshold rule watches a metric of the per-minute rollup against a line; a deploy rule watches a
 * service's new versions against the versions they replaced.
 */
public enum RuleType {
    THRESHOLD("threshold"),
    DEPLOY("deploy");

    private final String apiName;

    RuleType(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
