/**
 * RFC 9457 problem documents with stable types ({@code urn:liaison:problem:<slug>}), the mappers that turn every
 * failure into one, and strict reading of request input (JSON bodies bounded in size and depth, fields and numeric
 * query parameters checked with every bad one named). It depends on nothing else in {@code web}, so every other
 * package can use it.
 */
package dev.liaison.web.problem;
