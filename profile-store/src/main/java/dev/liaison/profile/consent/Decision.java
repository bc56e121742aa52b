package dev.liaison.profile.consent;

public enum Decision {
    GRANTED,
    WITHDRAWN
}
