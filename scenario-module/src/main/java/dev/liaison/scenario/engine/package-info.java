/**
 * The scenario engine: scenario files parsed and validated with their lines ({@code ScenarioParser}), stored in
 * versions and cached per workspace ({@code ScenarioCatalog}, {@code ScenarioStore}), triggered by what happens
 * ({@code ScenarioTriggers}: won deals, tier changes, solved tickets, consent grants) and run step by step inside the
 * transaction that triggered them ({@code ScenarioEngine}). Waits are rows, woken by a worker on any node; every
 * effect is keyed by run and step, so a redelivery or a crash repeats nothing.
 */
package dev.liaison.scenario.engine;
