package dev.liaison.profile.identity;

/** An e-mail address or phone number that cannot be normalised. The message never repeats the value. */
public class InvalidIdentifierException extends Exception {

    public InvalidIdentifierException(String reason) {
        super(reason);
    }
}
