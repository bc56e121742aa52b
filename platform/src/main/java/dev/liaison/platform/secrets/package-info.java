/**
 * Sealing secrets at rest: the keys ({@code liaison.secrets.keys}, current key first, or a generated key in embedded
 * mode), {@code SecretBox} (AES-256-GCM bound to an owner as associated data) and the rotation of every sealed value
 * to the current key.
 */
package dev.liaison.platform.secrets;
