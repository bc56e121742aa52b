package dev.liaison.connector.api;

/**
 * The gateway refused the recipient for good because the number is on a stop-list (SMS.ru 209 and 215, Twilio
 * 21610 after the person texted STOP). Permanent like any {@link RemoteSystemException#permanent}, and a type of its
 * own so that the consent gate can record a hard suppression of the number instead of a failed send. The message
 * names the provider code only, never the number.
 */
public class RecipientSuppressedException extends RemoteSystemException {

    private final String providerCode;

    public RecipientSuppressedException(String message, String providerCode) {
        super(message, false, null, null);
        this.providerCode = providerCode;
    }

    /** The gateway's own code, e.g. {@code smsru:209} or {@code twilio:21610}. */
    public String providerCode() {
        return providerCode;
    }
}
