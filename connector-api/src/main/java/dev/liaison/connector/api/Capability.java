package dev.liaison.connector.api;

public enum Capability {
    WEBHOOKS(WebhookReceiver.class),
    PULL_SYNC(RecordSource.class),
    TICKET_ROUTING(TicketRouter.class),
    MESSAGING(MessageSender.class),
    RECORD_WRITE(RecordWriter.class),
    ERASURE(SubjectEraser.class),
    EXPORT(SubjectExporter.class),
    DISCONNECT(Disconnectable.class),
    WEBHOOK_REGISTRATION(WebhookRegistrations.class),
    AUTHORIZATION(Authorizable.class),
    INSTALL(InstallReceiver.class),
    UNSUBSCRIBE(UnsubscribeLinks.class);

    private final Class<?> contract;

    Capability(Class<?> contract) {
        this.contract = contract;
    }

    public Class<?> contract() {
        return contract;
    }
}
