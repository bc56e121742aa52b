/**
 * Workspaces, Liaison's tenants: {@code WorkspaceContext} holds the workspace the current thread works for (from the
 * caller's identity, or from the inbox entry a worker processes), and Hibernate's tenant resolver reads it, so that
 * every entity query is scoped and a thread bound to none sees nothing. The operator's directory of workspaces lives
 * here too.
 */
package dev.liaison.platform.workspace;
