package dev.liaison.platform.secrets;

/** A sealed value cannot be opened. The message never contains the value. */
public class SecretBoxException extends RuntimeException {

    public SecretBoxException(String message) {
        super(message);
    }
}
