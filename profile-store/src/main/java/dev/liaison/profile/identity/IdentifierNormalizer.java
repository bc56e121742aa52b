package dev.liaison.profile.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Brings e-mail addresses and phone numbers to one form so that the same person is recognised across systems:
 * e-mail trimmed, lower-cased, its domain in ASCII (IDN); phones in E.164 through libphonenumber, with a default
 * region for national forms such as the Russian {@code 8 903 145-34-55}.
 */
public final class IdentifierNormalizer {

    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-]+");
    private static final Pattern ASCII_DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}");

    private final String defaultRegion;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    public IdentifierNormalizer(String defaultRegion) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
        if (!phones.getSupportedRegions().contains(this.defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region " + defaultRegion);
        }
    }

    public Identity email(String raw) throws InvalidIdentifierException {
        String trimmed = raw == null ? "" : raw.trim();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new InvalidIdentifierException("is not an e-mail address");
        }
        String local = trimmed.substring(0, at);
        if (local.length() > 64 || !LOCAL_PART.matcher(local).matches() || local.startsWith(".")
                || local.endsWith(".") || local.contains("..")) {
            throw new InvalidIdentifierException("is not an e-mail address");
        }
        String domain;
        try {
            domain = IDN.toASCII(trimmed.substring(at + 1), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentifierException("has an invalid domain");
        }
        if (!ASCII_DOMAIN.matcher(domain).matches()) {
            throw new InvalidIdentifierException("has an invalid domain");
        }
        return new Identity(IdentityKind.EMAIL, local.toLowerCase(Locale.ROOT) + "@" + domain);
    }

    public Identity phone(String raw) throws InvalidIdentifierException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentifierException("is not a phone number");
        }
        try {
            Phonenumber.PhoneNumber parsed = phones.parse(raw.trim(), defaultRegion);
            if (!phones.isValidNumber(parsed)) {
                throw new InvalidIdentifierException("is not a valid phone number");
            }
            return new Identity(IdentityKind.PHONE, phones.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            throw new InvalidIdentifierException("is not a phone number");
        }
    }
}
