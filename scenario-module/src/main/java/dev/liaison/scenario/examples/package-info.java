/**
 * The example files Liaison ships ({@code config/scenarios/}): what each one is, and importing one into the current
 * workspace as a scenario version or a routing rule set, without a restart and without a second version when it is
 * already the newest. Where the files are read from is the caller's business (the WAR carries a copy).
 */
package dev.liaison.scenario.examples;
