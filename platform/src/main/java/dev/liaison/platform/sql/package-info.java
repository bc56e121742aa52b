/**
 * Plain JDBC for the stores that do not go through JPA. {@code WorkspaceJdbc} is the one seam that binds the caller's
 * workspace into such SQL: a statement names it as {@code :workspace}, and one without it, or a thread bound to no
 * workspace, is refused. {@code Jdbc} is the helper underneath, taking the container transaction's connection.
 */
package dev.liaison.platform.sql;
