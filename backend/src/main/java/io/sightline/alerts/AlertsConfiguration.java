package io.sightline.alerts;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The evaluation's clock (tests move time with a {@code @Primary} clock of their own), lease and scheduler. */
@Configuration(proxyBeanMethods = false)
class AlertsConfiguration {

    @Bean
    Clock alertsClock() {
        return Clock.systemUTC();
    }

    @Bean
    EvaluationLease evaluationLease(DataSource dataSource) {
        return new EvaluationLease(dataSource, EvaluationLease.EVALUATION, EvaluationLease.thisProcess());
    }

    @Bean
    AlertScheduler alertScheduler(
            EvaluationLease lease, AlertEvaluation evaluation, Clock clock, AlertsProperties properties) {
        return new AlertScheduler(lease, evaluation, clock, properties.evaluationInterval());
    }
}
