package dev.liaison.web.install;

import java.util.List;

/**
 * The answer to the portal: INSTALLED, UPDATED or UNINSTALLED, the portal's member_id, the events bound by this
 * request.
 */
public record AppRequestView(String status, String memberId, List<String> boundEvents) {
}
