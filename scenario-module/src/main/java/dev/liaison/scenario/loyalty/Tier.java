package dev.liaison.scenario.loyalty;

/** A tier and the points earned within the program's rolling window that reach it. */
public record Tier(String name, long threshold) {
}
