package io.sightline.web;

/** A request parameter that cannot be used; the message names it and says what would work. Answered with 400. */
public class BadParameterException extends IllegalArgumentException {

    private final String parameter;

    public BadParameterException(String parameter, String problem) {
        super("'" + parameter + "' " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
