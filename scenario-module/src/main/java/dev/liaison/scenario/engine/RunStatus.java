package dev.liaison.scenario.engine;

/** Where a run is: going through its steps, asleep until {@code wake_at}, or over, and how. */
public enum RunStatus {
    RUNNING, WAITING, COMPLETED, STOPPED, FAILED
}
