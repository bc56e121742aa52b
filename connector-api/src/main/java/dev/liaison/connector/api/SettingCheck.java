package dev.liaison.connector.api;

import java.util.Optional;

/** Checks one setting's value; see {@link SettingChecks} for the common ones. */
@FunctionalInterface
public interface SettingCheck {

    /** What is wrong with the value (never quoting it: it may be a secret), or empty when it is fine. */
    Optional<String> problem(String value);
}
