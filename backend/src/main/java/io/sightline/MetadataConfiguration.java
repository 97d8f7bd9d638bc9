package io.sightline;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * The metadata store (Spring Data JPA over PostgreSQL or H2; Flyway owns the schema). Hibernate
 * reports every constraint violation as one kind; translated by SQL state instead, a unique key
 * violation is a {@link org.springframework.dao.DuplicateKeyException} (a name taken, a member
 * already) and a missing referenced row a plain {@link
 * org.springframework.dao.DataIntegrityViolationException}, as with plain JDBC on both databases.
 */
@Configuration(proxyBeanMethods = false)
public class MetadataConfiguration {

    @Bean
    static BeanPostProcessor constraintViolationsBySqlState() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HibernateJpaVendorAdapter adapter) {
                    adapter.getJpaDialect().setJdbcExceptionTranslator(new SQLStateSQLExceptionTranslator());
                }
                return bean;
            }
        };
    }
}
