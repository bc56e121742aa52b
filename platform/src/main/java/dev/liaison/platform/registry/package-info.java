/**
 * The connectors deployed, found as CDI beans and looked up by kind and capability. Adding a connector module to the
 * EAR is all it takes to add a kind; nothing else in the platform names a connector.
 */
package dev.liaison.platform.registry;
