package dev.liaison.connector.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * One kind of external system. Implementations are stateless CDI beans; what differs between two portals or
 * accounts lives in their {@link ConnectionContext}. A connector implements the capability interfaces it supports.
 */
public interface Connector {

    /** The kind name used in connection settings and webhook paths, e.g. {@code zendesk}. */
    String kind();

    /** The settings a connection of this kind takes, which of them are required and which are secret. */
    SettingsSpec settings();

    default Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        for (Capability capability : Capability.values()) {
            if (capability.contract().isInstance(this)) {
                capabilities.add(capability);
            }
        }
        return capabilities;
    }
}
