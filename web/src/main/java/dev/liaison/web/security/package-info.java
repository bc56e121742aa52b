/**
 * Who the caller is and what they may do: the three roles, the caller's workspace bound to the request ({@code
 * CallerWorkspace}), the embedded sign-in's bootstrap admin and password hashes, API keys for machine clients, the
 * audit trail of admin and compliance calls, and 403 answers that name the roles needed. The sign-in itself is the
 * server's (Elytron, or Keycloak through OIDC); the application code sees only roles.
 */
package dev.liaison.web.security;
