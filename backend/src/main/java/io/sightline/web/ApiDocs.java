package io.sightline.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The OpenAPI description of the JSON API under {@code /api/v1} (springdoc: {@code /v3/api-docs},
 * Swagger UI at {@code /swagger-ui.html}). What operations share is written here once: the
 * conventions, the two ways to authenticate, the error body, the answers any operation may give
 * (400, 401, 403; 503 on {@link ReadsSpanStorage} controllers) and the window parameters of
 * {@link WindowParameters}; controllers describe only what is their own. The Jaeger API and OTLP and
 * Zipkin ingest are other projects' protocols, specified by them, and are left out.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs {

    /** Security schemes, for operations whose {@code @SecurityRequirement} differs from the default (read). */
    public static final String BEARER = "bearerAuth";

    public static final String SESSION = "sessionCookie";

    /** Answers some operations give, for {@code @ApiResponse(ref = ...)}. */
    public static final String NOT_FOUND = "NotFound";

    private static final String UNAVAILABLE = "Unavailable";

    private static final String ERROR = "Error";

    private static final String DESCRIPTION = """
            The JSON API behind Sightline's pages: traces with their critical path and diagnosis, \
            request search, endpoint latency, deploys and their comparison, alert rules, storage use.

            **Authentication**: a signed-in session (the `JSESSIONID` cookie of the login form; what \
            Swagger UI uses) or `Authorization: Bearer sl_…`, an API key of one project with the \
            `read` scope. A key reads only its project, a user only the projects they belong to.

            **Conventions**: field names are camelCase. Times in answers are ISO-8601 UTC strings \
            (`2026-11-24T10:00:00Z`, up to nanosecond precision) unless the name ends in `EpochMs`. \
            Time parameters take ISO-8601 or epoch milliseconds. Durations are milliseconds with \
            decimals (names end in `Ms`); rates and shares are fractions from 0 to 1 unless the name \
            says percent. Windows (`from`/`to` or `range`) cover at most 31 days.

            **Errors**: every error answer is `{"error": "...", "parameter": "..."}` (the `Error` \
            schema); `parameter` names the query parameter or body field at fault, when one is. \
            503 answers carry `Retry-After`.""";

    @Bean
    OpenAPI apiDescription(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("Sightline API")
                        .version(properties == null ? "development" : properties.getVersion())
                        .description(DESCRIPTION))
                // Relative: right behind any proxy, where a URL springdoc guessed from the request may not be.
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("sl_…")
                                        .description("An API key (`sl_…`, shown once when issued on the settings"
                                                + " page). Its scopes: `read` for the read operations, `ingest` for"
                                                + " posting deploys, `manage` for changing alert rules."))
                        .addSecuritySchemes(
                                SESSION,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name("JSESSIONID")
                                        .description("The session of a user signed in through /login."))
                        .addSchemas(ERROR, errorSchema())
                        .addResponses(
                                "BadRequest",
                                answer("A parameter or the body cannot be used; `error` says"
                                        + " why and what would work, `parameter` names it."))
                        .addResponses(
                                "Unauthorized",
                                answer("No signed-in session and no valid API key. A refused key"
                                        + " is answered with `WWW-Authenticate: Bearer` and says so; without credentials the"
                                        + " body is empty."))
                        .addResponses(
                                "Forbidden",
                                answer("Signed in, but not allowed: the key lacks the scope"
                                        + " (`read`; `ingest` to post deploys; `manage` to change alert rules), or the"
                                        + " operation is for admins or for"
                                        + " users only."))
                        .addResponses(
                                NOT_FOUND,
                                answer("Not found in the caller's projects: the same answer"
                                        + " whether it exists elsewhere or not at all."))
                        .addResponses(
                                UNAVAILABLE,
                                answer("Span storage cannot serve this read now: busy, unavailable, or the query"
                                                + " ran into a read limit (time, memory or result size; `error` says"
                                                + " which and how to narrow the query).")
                                        .addHeaderObject(
                                                "Retry-After",
                                                new Header()
                                                        .description("Seconds to wait before retrying.")
                                                        .schema(new IntegerSchema()))))
                .addSecurityItem(new SecurityRequirement().addList(BEARER, "read"))
                .addSecurityItem(new SecurityRequirement().addList(SESSION));
    }

    /** The window parameters and the shared answers, on every operation. */
    @Bean
    OperationCustomizer sharedParametersAndAnswers() {
        return (operation, handler) -> {
            WindowParameters window = handler.getMethodAnnotation(WindowParameters.class);
            if (window != null) {
                windowParameters(window.defaultRange(), window.deployWindows()).forEach(operation::addParametersItem);
            }
            if (operation.getParameters() != null) {
                // Parameters read by hand (@Parameter on the method) are text unless they say otherwise.
                operation.getParameters().stream()
                        .filter(parameter -> parameter.getSchema() == null)
                        .forEach(parameter -> parameter.setSchema(new StringSchema()));
            }
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            boolean takesInput = (operation.getParameters() != null
                            && !operation.getParameters().isEmpty())
                    || operation.getRequestBody() != null;
            if (takesInput) {
                responses.putIfAbsent("400", reference("BadRequest"));
            }
            responses.putIfAbsent("401", reference("Unauthorized"));
            responses.putIfAbsent("403", reference("Forbidden"));
            if (AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ReadsSpanStorage.class)) {
                responses.putIfAbsent("503", reference(UNAVAILABLE));
            }
            return operation.responses(byStatus(responses));
        };
    }

    private static List<Parameter> windowParameters(String defaultRange, boolean deployWindows) {
        String when = defaultRange.isEmpty()
                ? " Give `from` (and optionally `to`) or `range`: a window is required."
                : " Without `from`, `to` or `range`, the window is the last `" + defaultRange + "`.";
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(query(
                "from",
                "Start of the window (inclusive): ISO-8601 (`2026-11-24T10:00:00Z`) or epoch milliseconds."
                        + " With `to`, at most 31 days before it." + when,
                new StringSchema().example("2026-11-24T10:00:00Z")));
        parameters.add(query(
                "to",
                "End of the window (exclusive): ISO-8601 or epoch milliseconds, after `from`. Default: now."
                        + " Needs `from`.",
                new StringSchema().example("2026-11-24T11:00:00Z")));
        StringSchema range = new StringSchema();
        range.pattern(deployWindows ? "^([0-9]{1,9}[mhd]|deploy:last|deploy:previous)$" : "^[0-9]{1,9}[mhd]$")
                .example("1h");
        if (!defaultRange.isEmpty()) {
            range.setDefault(defaultRange);
        }
        parameters.add(query(
                "range",
                "The window ending now, instead of `from`/`to`: minutes, hours or days (`15m`, `1h`, `7d`),"
                        + " at most 31 days. Ignored when `from` or `to` is given."
                        + (deployWindows
                                ? " Or a deploy window: `deploy:last` (since the newest deploy of `service`, or of"
                                        + " any service without one, until now) or `deploy:previous` (the deploy"
                                        + " before it, until the newest)."
                                : ""),
                range));
        if (deployWindows) {
            parameters.add(query(
                    "deploy",
                    "A deploy's window instead of `from`/`to`/`range`: `service@version` covers that version"
                            + " from its marker until the next deploy of the service (same environment) or now,"
                            + " and sets `service` (and `environment` when the deploy has one). Add"
                            + " `environment` when the version went to several.",
                    new StringSchema().example("checkout@1.5.0")));
        }
        return parameters;
    }

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new Parameter().in("query").name(name).description(description).schema(schema);
    }

    private static Schema<?> errorSchema() {
        return new ObjectSchema()
                .description("The body of every error answer of /api/v1.")
                .addProperty(
                        "error",
                        new StringSchema()
                                .description("What went wrong and what would work instead, for a person to read.")
                                .example("'range' use a number and m, h or d, such as 15m, 1h or 7d"))
                .addProperty(
                        "parameter",
                        new StringSchema()
                                .description("The query parameter or body field at fault, when one is.")
                                .example("range"))
                .required(List.of("error"));
    }

    private static ApiResponse answer(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                new MediaType().schema(new Schema<>().$ref(ERROR))));
    }

    private static ApiResponse reference(String name) {
        return new ApiResponse().$ref(name);
    }

    // Status codes sort as text, which is their numeric order: 200, 400, 401...
    private static ApiResponses byStatus(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        new TreeMap<String, ApiResponse>(responses).forEach(sorted::addApiResponse);
        sorted.setExtensions(responses.getExtensions());
        return sorted;
    }
}
