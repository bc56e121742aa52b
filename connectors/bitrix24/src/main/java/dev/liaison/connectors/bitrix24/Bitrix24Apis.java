package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.support.RemoteCalls;

/** Builds the REST client of one connection; every client of the connector shares one RemoteCalls and its buckets. */
final class Bitrix24Apis {

    private final RemoteCalls calls;
    private final AccessTokens tokens;

    Bitrix24Apis(RemoteCalls calls, AccessTokens tokens) {
        this.calls = calls;
        this.tokens = tokens;
    }

    /** A misconfigured connection fails every call the same way until an admin fixes it: permanently. */
    Bitrix24Api of(ConnectionContext connection) throws RemoteSystemException {
        try {
            return new Bitrix24Api(calls, connection, tokens);
        } catch (IllegalStateException | IllegalArgumentException misconfigured) {
            throw RemoteSystemException.permanent("connection " + connection.id() + " cannot call Bitrix24: "
                    + misconfigured.getMessage());
        }
    }
}
