package io.sightline.search;

import io.sightline.web.Parameters;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/search}: the search page's filters as query parameters (see {@link SearchQuery}). */
@RestController
class SearchApi {

    private final TraceSearch search;

    SearchApi(TraceSearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/search")
    TraceSearch.Page search(HttpServletRequest request) {
        // The time range is required here; the page fills in the last hour, the API does not guess.
        return search.search(SearchQuery.parse(Parameters.of(request), Instant.now()));
    }
}
