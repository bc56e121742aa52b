/**
 * What Liaison's YAML files (routing rules, the loyalty program, scenarios) share: shape checks that name the line and
 * what was expected, and {@code InvalidFileException}, which carries that line to the admin who uploaded the file.
 */
package dev.liaison.scenario.yaml;
