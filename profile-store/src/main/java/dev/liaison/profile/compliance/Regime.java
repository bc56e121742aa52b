package dev.liaison.profile.compliance;

import java.util.Arrays;
import java.util.Optional;

/** The law a request is made under; it decides the deadline. */
public enum Regime {
    /** GDPR Art. 12(3): one month, extendable by two further months. */
    GDPR("GDPR"),
    /** 152-FZ: 10 working days, extendable by 5 working days with a reasoned notice. */
    FZ152("152FZ");

    private final String code;

    Regime(String code) {
        this.code = code;
    }

    /** The name used in the API and the database. */
    public String code() {
        return code;
    }

    public static Optional<Regime> of(String code) {
        return Arrays.stream(values()).filter(regime -> regime.code.equalsIgnoreCase(code)).findFirst();
    }
}
