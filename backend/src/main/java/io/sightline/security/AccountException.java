package io.sightline.security;

/** An account change that the rules refuse; the message is a sentence to show the user as it is. */
public class AccountException extends IllegalArgumentException {

    public AccountException(String message) {
        super(message);
    }
}
