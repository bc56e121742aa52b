package dev.liaison.profile.timeline;

/** Where a deal stands, by the source system's own verdict. */
public enum DealStatus {
    OPEN, WON, LOST
}
