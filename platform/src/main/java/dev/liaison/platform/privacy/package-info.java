/**
 * Personal data shown or stored without its clear text: {@code PersonalDataMask} for addresses, phone numbers, names
 * and text that may quote them (a gateway's refusal), {@code PayloadMask} for a stored delivery's body.
 */
package dev.liaison.platform.privacy;
