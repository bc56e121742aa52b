package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.support.RemoteHttp;

/** Builds the REST client of one connection; every client of the connector shares one RemoteHttp and its buckets. */
final class Bitrix24Apis {

    private final RemoteHttp http;
    private final AccessTokens tokens;

    Bitrix24Apis(RemoteHttp http, AccessTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    /** A misconfigured connection fails every call the same way until an admin fixes it: permanently. */
    Bitrix24Api of(ConnectionContext connection) throws RemoteSystemException {
        try {
            return new Bitrix24Api(http, connection, tokens);
        } catch (IllegalStateException | IllegalArgumentException misconfigured) {
            throw RemoteSystemException.permanent("connection " + connection.id() + " cannot call Bitrix24: "
                    + misconfigured.getMessage());
        }
    }
}
