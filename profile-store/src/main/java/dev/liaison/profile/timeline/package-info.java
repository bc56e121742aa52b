/**
 * The customer timeline: the deals and help-desk tickets of each person, kept from the canonical events the connectors
 * emit ({@code deal.stage_changed}, {@code ticket.created}, {@code ticket.updated}). {@link
 * dev.liaison.profile.timeline.TimelineStore} keeps one row per record of a connection with the state of its newest
 * event, and reads a person's rows newest first, a page at a time.
 */
package dev.liaison.profile.timeline;
