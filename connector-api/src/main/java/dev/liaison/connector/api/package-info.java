/**
 * The connector SPI and the canonical model: the capability interfaces a connector implements, the events it hands on
 * in the one vocabulary the rest of Liaison understands, their bounds, and the settings and failures of connections.
 * It needs nothing but the JDK, so a connector builds and tests without a server.
 */
package dev.liaison.connector.api;
