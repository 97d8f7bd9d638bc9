package io.sightline.web;

import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * {@code #fmt} in every template: {@link Formats}, so a page prints {@code ${#fmt.duration(e.p95Ms)}},
 * {@code ${#fmt.rate(perSecond)}}, {@code ${#fmt.count(n, 'service')}} or {@code ${#fmt.percent(ratio)}}
 * and never a raw number. Spring Boot adds every dialect bean to its template engine.
 */
@Component
class FormatDialect extends AbstractDialect implements IExpressionObjectDialect {

    /** The object templates call; its methods are {@link Formats}'. */
    public static final class Fmt {
        public String duration(double ms) {
            return Formats.duration(ms);
        }

        public String nanos(long nanos) {
            return Formats.nanos(nanos);
        }

        public String rate(double perSecond) {
            return Formats.rate(perSecond);
        }

        public String perMinute(double perMinute) {
            return Formats.rate(perMinute / 60);
        }

        public String number(double value) {
            return Formats.number(value);
        }

        public String count(long n, String noun) {
            return Formats.count(n, noun);
        }

        public String count(long n, String singular, String plural) {
            return Formats.count(n, singular, plural);
        }

        public String percent(double ratio) {
            return Formats.percent(ratio);
        }
    }

    private static final Fmt FMT = new Fmt();

    FormatDialect() {
        super("sightline-format");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of("fmt");
            }

            @Override
            public Object buildObject(IExpressionContext context, String name) {
                return "fmt".equals(name) ? FMT : null;
            }

            @Override
            public boolean isCacheable(String name) {
                return true;
            }
        };
    }
}
