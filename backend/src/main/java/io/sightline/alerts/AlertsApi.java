package io.sightline.alerts;

import io.sightline.web.ApiDocs;
import io.sightline.web.BadParameterException;
import io.sightline.web.ReadsSpanStorage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Alert rules: {@code POST/GET /api/v1/alerts}, {@code GET/PUT/DELETE /api/v1/alerts/{id}}, {@code POST
 * /api/v1/alerts/{id}/evaluate}, {@code GET /api/v1/alerts/{id}/events}. Who may do what is
 * {@link AlertRules}'; the body is checked by {@link AlertRuleInput}.
 */
@RestController
@ReadsSpanStorage
@Tag(name = "Alerts")
@SecurityRequirement(
        name = ApiDocs.BEARER,
        scopes = {"read", "manage"})
@SecurityRequirement(name = ApiDocs.SESSION)
class AlertsApi {

    private static final String RULE_FIELDS = """
            Threshold rule: `{"name", "service", "endpoint"?, "metric": "p50|p90|p95|p99|error_rate|throughput", \
            "operator": "above|below", "threshold": <number: ms, 0-1 or requests per minute>, \
            "window": "5m".."24h", "webhookUrl", "format": "json|slack|alertmanager" (default json)}`. \
            Deploy rule: `{"type": "deploy", "name", "service", "factor"?: <number above 1, default 1.5>, \
            "window"?: "5m".."24h" (default 1h), "webhookUrl", "format"?}`: fires once per deploy of the \
            service whose new version, compared with the one it replaced over up to `window` on either \
            side of the deploy, introduced an N+1 (the comparison's own verdict), or has an endpoint whose \
            p95 or error rate is more than `factor` times the previous version's (error rate: and at least \
            1 percentage point higher). Webhook URLs are http or https; private addresses only where the \
            administrator allowed them. A field that cannot be used answers 400 naming it.""";

    private final AlertRules rules;

    AlertsApi(AlertRules rules) {
        this.rules = rules;
    }

    /** The body's shape, for the description; the body is read as JSON and checked field by field. */
    @Schema(name = "AlertRuleDefinition", description = "A threshold rule, or a deploy rule (type deploy)")
    record Definition(
            @Schema(
                    allowableValues = {"threshold", "deploy"},
                    defaultValue = "threshold")
            String type,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100, example = "Checkout p99")
            String name,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200, example = "checkout-service")
            String service,

            @Schema(
                    description = "Threshold rules: one endpoint; absent for all of the service's",
                    example = "POST /checkout")
            String endpoint,

            @Schema(
                    description = "Threshold rules",
                    allowableValues = {"p50", "p90", "p95", "p99", "error_rate", "throughput"})
            String metric,

            @Schema(
                    description = "Threshold rules",
                    allowableValues = {"above", "below"})
            String operator,

            @Schema(
                    description =
                            "Threshold rules: ms for p50…p99, 0-1 for error_rate, requests per minute for throughput",
                    example = "1000")
            Double threshold,

            @Schema(description = "5m to 24h; deploy rules default to 1h", example = "15m")
            String window,

            @Schema(description = "Deploy rules: above 1, default 1.5", example = "1.5")
            Double factor,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "https://hooks.slack.com/services/T000/B000/XXXX")
            String webhookUrl,

            @Schema(
                    allowableValues = {"json", "slack", "alertmanager"},
                    defaultValue = "json")
            String format) {}

    @Operation(
            operationId = "createAlertRule",
            summary = "Create an alert rule",
            description = "Needs the manage right: a key with the manage scope (the rule goes to its project), or a"
                    + " signed-in member or admin. " + RULE_FIELDS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = Definition.class))))
    @ApiResponse(responseCode = "201", description = "Created; it starts ok and is evaluated at the next tick")
    @PostMapping("/api/v1/alerts")
    ResponseEntity<AlertViews.Rule> create(
            @Parameter(description = "The project's ID; needed only by a user who manages several projects")
                    @RequestParam(required = false)
                    Long project,
            @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(rules.create(project, body));
    }

    @Operation(
            operationId = "listAlertRules",
            summary = "Alert rules",
            description = "The rules of the caller's projects, by name, each with its state (ok, firing, resolved)"
                    + " and what its last evaluation measured.")
    @GetMapping("/api/v1/alerts")
    AlertViews.Rules list() {
        return new AlertViews.Rules(rules.list());
    }

    @Operation(operationId = "getAlertRule", summary = "One alert rule", description = "The rule with its state.")
    @ApiResponse(responseCode = "200", description = "The rule")
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @GetMapping("/api/v1/alerts/{id}")
    AlertViews.Rule get(@Parameter(description = "The rule's ID") @PathVariable long id) {
        return rules.get(id);
    }

    @Operation(
            operationId = "replaceAlertRule",
            summary = "Change an alert rule",
            description = "Replaces the rule's definition (the whole body, as for creating); it starts over in ok,"
                    + " with its history kept. Needs the manage right. " + RULE_FIELDS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = Definition.class))))
    @ApiResponse(responseCode = "200", description = "The rule as changed")
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @PutMapping("/api/v1/alerts/{id}")
    AlertViews.Rule replace(
            @Parameter(description = "The rule's ID") @PathVariable long id, @RequestBody JsonNode body) {
        return rules.update(id, body);
    }

    @Operation(
            operationId = "deleteAlertRule",
            summary = "Delete an alert rule",
            description = "Deletes the rule and its history. Needs the manage right.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @DeleteMapping("/api/v1/alerts/{id}")
    ResponseEntity<Void> delete(@Parameter(description = "The rule's ID") @PathVariable long id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            operationId = "evaluateAlertRule",
            summary = "Evaluate a rule now and send a test notification",
            description = "Measures the rule now (a deploy rule judges its recent deploys), sends its webhook a"
                    + " test notification with what it found and the evidence, records that in the rule's history"
                    + " as a test, and answers the result. The rule's state does not move: transitions are the"
                    + " minutely evaluation's. Needs the manage right.")
    @ApiResponse(responseCode = "200", description = "What the rule found; the test notification is on its way")
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @PostMapping("/api/v1/alerts/{id}/evaluate")
    AlertViews.Evaluation evaluate(@Parameter(description = "The rule's ID") @PathVariable long id) {
        return rules.evaluate(id);
    }

    @Operation(
            operationId = "alertRuleEvents",
            summary = "An alert rule's history",
            description = "Its transitions (firing, resolved) and test notifications, newest first, each with what"
                    + " was measured against which line over which window, its evidence (exemplar traces with"
                    + " their diagnosis), and what became of its notification once known (sent, failed or dropped,"
                    + " after how many attempts).")
    @ApiResponse(responseCode = "200", description = "The history, newest first")
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @GetMapping("/api/v1/alerts/{id}/events")
    AlertViews.Events events(
            @Parameter(description = "The rule's ID") @PathVariable long id,
            @Parameter(
                            description = "At most this many events, newest first (1-200)",
                            schema = @Schema(defaultValue = "50", minimum = "1", maximum = "200"))
                    @RequestParam(defaultValue = "50")
                    int limit) {
        if (limit < 1 || limit > AlertRules.MAX_EVENTS) {
            throw new BadParameterException("limit", "must be from 1 to " + AlertRules.MAX_EVENTS);
        }
        return new AlertViews.Events(rules.events(id, limit));
    }
}
