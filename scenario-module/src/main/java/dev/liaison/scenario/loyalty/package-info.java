/**
 * Loyalty: the append-only points ledger, earning rules for won deals, tiers over a rolling window, expiry of
 * earned points, and the program file that defines them ({@code config/scenarios/loyalty.yaml}).
 */
package dev.liaison.scenario.loyalty;
