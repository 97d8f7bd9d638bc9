package io.sightline.ingest;

import io.sightline.span.SemanticConventions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Replaces secrets in span attributes before they are stored (DESIGN §4): the value of any key
 * that names a secret (authorization headers, cookies, passwords, tokens, API keys) under any of its
 * semantic-convention names, so a rule written for one name covers the other, and, in any
 * value, bearer tokens and payment card numbers (13–19 digits passing the Luhn check).
 */
final class Redactor {

    static final String REDACTED = "[REDACTED]";
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");

    private final List<Pattern> secretKeys;
    /** Attribute keys are few and repeat endlessly; remember the verdict per key. */
    private final Map<String, Boolean> secretKeyVerdicts = new ConcurrentHashMap<>();

    Redactor(List<String> secretKeyPatterns) {
        this.secretKeys = secretKeyPatterns.stream()
                .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE))
                .toList();
    }

    String redact(String key, String value) {
        if (value.isEmpty()) {
            return value;
        }
        if (isSecretKey(key)) {
            return REDACTED;
        }
        String result = value;
        if (mayHoldCardNumber(result)) {
            result = redactCardNumbers(result);
        }
        // "Bearer <token>" needs a space; most values have none and skip the scan.
        if (result.indexOf(' ') > 0 && (containsIgnoreCase(result, "bearer") || containsIgnoreCase(result, "basic"))) {
            result = BEARER.matcher(result).replaceAll(REDACTED);
        }
        return result;
    }

    private boolean isSecretKey(String key) {
        Boolean verdict = secretKeyVerdicts.get(key);
        if (verdict == null) {
            List<String> names = SemanticConventions.names(key);
            verdict = secretKeys.stream()
                    .anyMatch(pattern -> names.stream()
                            .anyMatch(name -> pattern.matcher(name).find()));
            if (secretKeyVerdicts.size() < 100_000) {
                secretKeyVerdicts.put(key, verdict);
            }
        }
        return verdict;
    }

    private static boolean mayHoldCardNumber(String value) {
        int digits = 0;
        for (int i = 0; i < value.length() && digits < 13; i++) {
            if (Character.isDigit(value.charAt(i))) {
                digits++;
            }
        }
        return digits >= 13;
    }

    /** Finds runs of 13–19 digits, optionally grouped by single spaces or dashes, that pass Luhn. */
    static String redactCardNumbers(String value) {
        StringBuilder out = null;
        int i = 0;
        int copiedUpTo = 0;
        while (i < value.length()) {
            if (!Character.isDigit(value.charAt(i)) || (i > 0 && Character.isLetterOrDigit(value.charAt(i - 1)))) {
                i++;
                continue;
            }
            int end = i;
            int digits = 0;
            int lastDigitEnd = i;
            while (end < value.length()) {
                char c = value.charAt(end);
                if (Character.isDigit(c)) {
                    digits++;
                    end++;
                    lastDigitEnd = end;
                } else if ((c == ' ' || c == '-')
                        && end + 1 < value.length()
                        && Character.isDigit(value.charAt(end + 1))) {
                    end++;
                } else {
                    break;
                }
            }
            boolean standsAlone =
                    lastDigitEnd >= value.length() || !Character.isLetterOrDigit(value.charAt(lastDigitEnd));
            if (digits >= 13 && digits <= 19 && standsAlone && luhn(value.substring(i, lastDigitEnd))) {
                out = out == null ? new StringBuilder(value.length()) : out;
                out.append(value, copiedUpTo, i).append(REDACTED);
                copiedUpTo = lastDigitEnd;
            }
            i = lastDigitEnd;
        }
        if (out == null) {
            return value;
        }
        return out.append(value, copiedUpTo, value.length()).toString();
    }

    private static boolean luhn(String grouped) {
        int sum = 0;
        boolean doubled = false;
        for (int i = grouped.length() - 1; i >= 0; i--) {
            char c = grouped.charAt(i);
            if (!Character.isDigit(c)) {
                continue;
            }
            int digit = c - '0';
            if (doubled) {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** {@code word} is lower-case ASCII; its first letter is compared before the whole region. */
    private static boolean containsIgnoreCase(String text, String word) {
        char first = word.charAt(0);
        for (int i = 0; i + word.length() <= text.length(); i++) {
            if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }
}
