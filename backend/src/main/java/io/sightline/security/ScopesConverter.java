package io.sightline.security;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** An API key's scopes as the column keeps them: names, sorted, comma-separated ({@code INGEST,READ}). */
@Converter
class ScopesConverter implements AttributeConverter<Set<Scope>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Scope> scopes) {
        return scopes.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    @Override
    public Set<Scope> convertToEntityAttribute(String column) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(column.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(Scope::valueOf)
                .forEach(scopes::add);
        return scopes;
    }
}
