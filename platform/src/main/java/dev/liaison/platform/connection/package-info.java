/**
 * Connections: one connected external account each, with its kind, workspace and settings. The settings are stored as
 * one AES-256-GCM sealed value bound to the connection's id; the store here reads and writes them, the directory finds
 * active connections for intake whatever their workspace, and {@code SealedCredentialStore} implements the connector
 * SPI's {@code CredentialStore}, rotating tokens under a lock on the connection's row.
 */
package dev.liaison.platform.connection;
