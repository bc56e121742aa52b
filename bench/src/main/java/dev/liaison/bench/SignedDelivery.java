package dev.liaison.bench;

/** One webhook as a sender posts it: the event's id, its JSON body and the two signature headers. */
record SignedDelivery(String eventId, byte[] body, String timestamp, String signature) {
}
