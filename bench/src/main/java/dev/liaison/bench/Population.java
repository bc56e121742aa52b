package dev.liaison.bench;

import java.util.Locale;

/**
 * The made-up people of the profile benchmark. Everything about person {@code n} follows from {@code n} alone, so
 * that the bulk load (in SQL) and the lookups (in Java) agree without storing a list of a million people, and every
 * answer can be checked against the profile it must be.
 */
final class Population {

    /** Profile ids are UUID-shaped, as the server's own are, with {@code n} in the last group. */
    static final String PROFILE_ID_PREFIX = "00000000-0000-4000-8000-";
    static final int PROFILE_ID_DIGITS = 12;
    static final String EMAIL_PREFIX = "person-";
    static final String EMAIL_SUFFIX = "@example.com";
    /** A Russian mobile range: the server's default phone region is RU, so "8 903 ..." is a national form of it. */
    static final String PHONE_PREFIX = "+7903";
    static final int PHONE_DIGITS = 7;
    /** Seven subscriber digits bound the population and the new people the upsert run adds to it. */
    static final long LARGEST = 9_999_999;

    private Population() {
    }

    static String profileId(long n) {
        return PROFILE_ID_PREFIX + digits(n, PROFILE_ID_DIGITS);
    }

    static String email(long n) {
        return EMAIL_PREFIX + n + EMAIL_SUFFIX;
    }

    /** The form the server stores: E.164. */
    static String phoneE164(long n) {
        return PHONE_PREFIX + digits(n, PHONE_DIGITS);
    }

    /** The form a Russian agent types, e.g. {@code 8 903 000-01-23}, which the server must normalise to E.164. */
    static String phoneNational(long n) {
        String subscriber = digits(n, PHONE_DIGITS);
        return "8 903 " + subscriber.substring(0, 3) + "-" + subscriber.substring(3, 5) + "-"
                + subscriber.substring(5);
    }

    /** The person's record id in the benchmark connection's source system. */
    static String externalId(long n) {
        return Long.toString(n);
    }

    private static String digits(long n, int width) {
        if (n < 1 || n > LARGEST) {
            throw new IllegalArgumentException("person " + n + " is outside 1.." + LARGEST);
        }
        return String.format(Locale.ROOT, "%0" + width + "d", n);
    }
}
