/**
 * The profile store's stage of the inbound pipeline: {@code ProfileEventObserver} applies each canonical event
 * (contacts, ticket requesters, deletions, consent) to the profiles, first among the observers of an inbox entry's
 * events and inside its transaction, so that routing, loyalty and scenarios see the person as the event leaves them. A
 * record of an erased person is dropped here.
 */
package dev.liaison.profile.pipeline;
