/**
 * What the WAR starts and shares: {@code LiaisonStartup} migrates the schema before the application takes traffic and
 * then starts draining the inbox, and {@code SharedJsonb} is the one JSON-B instance of every request and answer.
 */
package dev.liaison.web.platform;
