/**
 * The first thing every request meets, ahead of the server's sign-in: an Undertow handler (installed by {@code
 * EdgeExtension} as a servlet extension) that sets security headers, refuses TRACE, oversized bodies and {@code
 * Authorization} headers the sign-in could not read, and slows down password and key guessing per address. What it
 * refuses it answers as problem+json itself, since nothing behind it has run; {@code ErrorPageServlet} does the same
 * for errors no application code answered.
 */
package dev.liaison.web.edge;
