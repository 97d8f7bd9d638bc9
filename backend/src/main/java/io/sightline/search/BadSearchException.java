package io.sightline.search;

/** A search parameter that cannot be used; the message names it and says what would work. */
public class BadSearchException extends IllegalArgumentException {

    private final String parameter;

    public BadSearchException(String parameter, String problem) {
        super("'" + parameter + "' " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
