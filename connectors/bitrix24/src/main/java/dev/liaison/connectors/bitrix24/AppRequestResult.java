package dev.liaison.connectors.bitrix24;

import java.util.List;

/**
 * What a request to the application handler did: installed or updated (with the events newly bound), or
 * uninstalled.
 */
record AppRequestResult(Action action, String memberId, List<String> boundEvents) {

    public enum Action { INSTALLED, UPDATED, UNINSTALLED }

    public AppRequestResult {
        boundEvents = List.copyOf(boundEvents);
    }
}
