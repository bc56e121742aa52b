package dev.liaison.platform.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data so that what is left still tells a reader which kind of value it was, and lets someone who
 * knows the person recognise it: {@code a***@example.com}, {@code +7 *** *** ** 67}, {@code A***}. Used where text
 * from outside (a gateway's error, a stored webhook body) is kept or shown, and may quote a recipient.
 */
public final class PersonalDataMask {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    /**
     * A run of digits with the separators phone numbers are written with, counted as a phone from 10 digits; not
     * followed by a colon, so that a time such as {@code 2026-12-07 10:15} stays readable.
     */
    private static final Pattern PHONE = Pattern.compile("(?<![\\d.:])\\+?\\d[\\d ().-]{6,}\\d(?![\\d:])");
    private static final int PHONE_MIN_DIGITS = 10;
    private static final int PHONE_MAX_DIGITS = 15;
    /** The national part of a number; what comes before it is the country code, which is shown. */
    private static final int NATIONAL_DIGITS = 10;
    private static final String HIDDEN = "***";

    private PersonalDataMask() {
    }

    /** {@code anna@example.com} as {@code a***@example.com}; a value without {@code @} as {@link #initial}. */
    public static String email(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return initial(address);
        }
        return address.substring(0, address.offsetByCodePoints(0, 1)) + HIDDEN + address.substring(at);
    }

    /** {@code +79161234567} as {@code +7 *** *** ** 67}: the country code and the last two digits. */
    public static String phone(String number) {
        String digits = number.replaceAll("\\D", "");
        if (digits.length() < 4) {
            return HIDDEN;
        }
        String country = digits.length() > NATIONAL_DIGITS ? digits.substring(0, digits.length() - NATIONAL_DIGITS)
                : "";
        String prefix = number.strip().startsWith("+") ? "+" : "";
        return prefix + (country.isEmpty() ? "" : country + " ") + "*** *** ** " + digits.substring(digits.length() - 2);
    }

    /** A name or free text reduced to its first letter: {@code Anna} as {@code A***}. */
    public static String initial(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return text;
        }
        return stripped.substring(0, stripped.offsetByCodePoints(0, 1)) + HIDDEN;
    }

    /**
     * The text with every e-mail address and phone number in it masked, the rest kept: for messages from outside
     * (an SMTP server's or SMS gateway's refusal quoting its recipient) before they are stored or logged.
     */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String withoutEmails = EMAIL.matcher(text).replaceAll(match -> Matcher.quoteReplacement(email(match.group())));
        return PHONE.matcher(withoutEmails).replaceAll(match -> {
            int digits = match.group().replaceAll("\\D", "").length();
            return Matcher.quoteReplacement(digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS
                    ? phone(match.group()) : match.group());
        });
    }

    /** Whether the text looks like an e-mail address as a whole. */
    public static boolean isEmail(String text) {
        return EMAIL.matcher(text.strip()).matches();
    }

    /** Whether the text looks like a phone number as a whole (10 to 15 digits with the usual separators). */
    public static boolean isPhone(String text) {
        String stripped = text.strip();
        int digits = stripped.replaceAll("\\D", "").length();
        return PHONE.matcher(stripped).matches() && digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS;
    }
}
