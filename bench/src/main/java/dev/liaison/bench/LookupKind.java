package dev.liaison.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What a profile is looked up by: how the API is asked, and the normalised value the identity table holds. */
enum LookupKind {

    EMAIL("e-mail") {
        @Override
        String apiQuery(long n) {
            return "email=" + encode(Population.email(n));
        }

        @Override
        String storedValue(long n) {
            return Population.email(n);
        }
    },
    PHONE("phone") {
        /** The national form, so that every API lookup pays for the normalisation a real one needs. */
        @Override
        String apiQuery(long n) {
            return "phone=" + encode(Population.phoneNational(n));
        }

        @Override
        String storedValue(long n) {
            return Population.phoneE164(n);
        }
    };

    private final String label;

    LookupKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The query string of {@code GET /api/profiles} that finds person {@code n}. */
    abstract String apiQuery(long n);

    /** What {@code profile_identity.identity_value} holds for person {@code n}. */
    abstract String storedValue(long n);

    /** Spaces as %20 rather than form encoding's '+', which a query parameter need not read as a space. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
