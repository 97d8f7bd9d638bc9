package io.sightline.span;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SemanticConventionsTest {

    @Test
    void eitherNameExpandsToBothTheCurrentFirst() {
        assertThat(SemanticConventions.names("enduser.id")).containsExactly("user.id", "enduser.id");
        assertThat(SemanticConventions.names("user.id")).containsExactly("user.id", "enduser.id");
        assertThat(SemanticConventions.names("http.method")).containsExactly("http.request.method", "http.method");
        assertThat(SemanticConventions.names("deployment.environment.name"))
                .containsExactly("deployment.environment.name", "deployment.environment");
    }

    @Test
    void aNameWithoutAliasesIsOnlyItself() {
        assertThat(SemanticConventions.names("payment.method")).containsExactly("payment.method");
        assertThat(SemanticConventions.names("User.Id")).containsExactly("User.Id");
        assertThat(SemanticConventions.currentName("payment.method")).isEqualTo("payment.method");
        assertThat(SemanticConventions.currentName("db.statement")).isEqualTo("db.query.text");
    }

    @Test
    void aValueIsFoundUnderEitherNameAndTheCurrentNameWins() {
        assertThat(SemanticConventions.value(Map.of("enduser.id", "u-4242"), SemanticConventions.USER_ID))
                .isEqualTo("u-4242");
        assertThat(SemanticConventions.value(Map.of("user.id", "u-1"), SemanticConventions.USER_ID))
                .isEqualTo("u-1");
        assertThat(SemanticConventions.value(Map.of("user.id", "u-1"), "enduser.id"))
                .isEqualTo("u-1");
        assertThat(SemanticConventions.value(
                        Map.of("enduser.id", "old", "user.id", "new"), SemanticConventions.USER_ID))
                .isEqualTo("new");
        assertThat(SemanticConventions.value(Map.of("user", "u-1"), SemanticConventions.USER_ID))
                .isNull();
    }
}
