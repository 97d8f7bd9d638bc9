package io.sightline.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.span.SemanticConventions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeSqlTest {

    @Test
    void aKeyWithAliasesMatchesEveryNameInBothMapsWithBoundNamesAndValue() {
        SqlFragment condition = AttributeSql.equals("s", "db.statement", "SELECT 1", "attr0");

        assertThat(condition.sql())
                .isEqualTo("(s.attributes[{attr0Key0:String}] = {attr0Value:String}"
                        + " OR s.resource[{attr0Key0:String}] = {attr0Value:String}"
                        + " OR s.attributes[{attr0Key1:String}] = {attr0Value:String}"
                        + " OR s.resource[{attr0Key1:String}] = {attr0Value:String})");
        assertThat(condition.parameters())
                .isEqualTo(Map.of("attr0Key0", "db.query.text", "attr0Key1", "db.statement", "attr0Value", "SELECT 1"));
        assertThat(AttributeSql.equals("s", "db.query.text", "SELECT 1", "attr0"))
                .isEqualTo(condition);
    }

    @Test
    void aKeyWithoutAliasesMatchesItselfOnly() {
        SqlFragment condition = AttributeSql.equals("", "payment.method", "card' OR 1=1 --", "tag2");

        assertThat(condition.sql())
                .isEqualTo("(attributes[{tag2Key0:String}] = {tag2Value:String}"
                        + " OR resource[{tag2Key0:String}] = {tag2Value:String})");
        assertThat(condition.parameters())
                .isEqualTo(Map.of("tag2Key0", "payment.method", "tag2Value", "card' OR 1=1 --"));
    }

    @Test
    void eitherNameOfAnAttributeWithATypedColumnReadsTheColumn() {
        SqlFragment old = AttributeSql.equals("", "enduser.id", "u-4242", "tag0");
        SqlFragment current = AttributeSql.equals("", "user.id", "u-4242", "tag0");

        assertThat(old).isEqualTo(current);
        assertThat(old.sql()).isEqualTo("user_id = {tag0Value:String}");
        assertThat(old.parameters()).isEqualTo(Map.of("tag0Value", "u-4242"));
        assertThat(AttributeSql.equals("s", "http.method", "GET", "a").sql())
                .isEqualTo("s.http_method = {aValue:String}");
        assertThat(AttributeSql.equals("", "deployment.environment", "staging", "a")
                        .sql())
                .isEqualTo("environment = {aValue:String}");
        assertThat(AttributeSql.equals("", "service.version", "1.2", "a").sql())
                .isEqualTo("service_version = {aValue:String}");
    }

    @Test
    void anHttpStatusReadsTheColumnOnlyWhenItIsOneAsTheColumnHoldsIt() {
        SqlFragment numeric = AttributeSql.equals("", "http.status_code", "500", "t");
        assertThat(numeric.sql()).isEqualTo("http_status = {tValue:UInt16}");
        assertThat(numeric.parameters()).isEqualTo(Map.of("tValue", 500));

        for (String asSent : new String[] {"500.0", "0500", "-1", "65536", "teapot", ""}) {
            SqlFragment text = AttributeSql.equals("", "http.response.status_code", asSent, "t");
            assertThat(text.sql()).as(asSent).startsWith("(attributes[{tKey0:String}]");
            assertThat(text.parameters())
                    .as(asSent)
                    .containsEntry("tKey0", "http.response.status_code")
                    .containsEntry("tKey1", "http.status_code")
                    .containsEntry("tValue", asSent);
        }
    }

    @Test
    void aValueReadsTheCurrentNameWhenPresentElseTheOldOne() {
        assertThat(AttributeSql.value("s.attributes", SemanticConventions.DB_QUERY_TEXT))
                .isEqualTo("if(mapContains(s.attributes, 'db.query.text'), s.attributes['db.query.text'],"
                        + " s.attributes['db.statement'])");
        assertThat(AttributeSql.valueOr("m", SemanticConventions.DB_OPERATION, "s.name"))
                .isEqualTo("if(if(mapContains(m, 'db.operation.name'), m['db.operation.name'], m['db.operation'])"
                        + " != '', if(mapContains(m, 'db.operation.name'), m['db.operation.name'], m['db.operation']),"
                        + " s.name)");
        assertThat(AttributeSql.value("m", "cache.hit")).isEqualTo("m['cache.hit']");
    }
}
