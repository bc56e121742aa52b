/**
 * Webhook intake, {@code POST /hooks/{connectionId}}: verify the delivery through the connection's connector, store it
 * in the inbox and answer 202, nothing more. A plain servlet rather than JAX-RS, because intake is the hottest path
 * and the JAX-RS machinery cost more than storing the row.
 */
package dev.liaison.web.intake;
