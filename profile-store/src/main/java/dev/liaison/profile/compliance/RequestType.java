package dev.liaison.profile.compliance;

/** What the data subject asks for. */
public enum RequestType {
    /** GDPR Art. 15, 152-FZ ст. 14: what is held about me. */
    ACCESS,
    /** GDPR Art. 20: the same, machine-readable, to take elsewhere. */
    EXPORT,
    /** GDPR Art. 16, 152-FZ ст. 21 ч. 2: correct these attributes. */
    RECTIFY,
    /** GDPR Art. 18: keep the data but stop using it (scenarios, marketing) until lifted. */
    RESTRICT,
    /** GDPR Art. 17, 152-FZ ст. 21: erase me everywhere. */
    ERASE,
    /** GDPR Art. 21(2), 152-FZ ст. 15: no more direct marketing; every marketing purpose is withdrawn at once. */
    OBJECT
}
