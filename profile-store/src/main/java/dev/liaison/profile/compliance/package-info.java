/**
 * Data-subject requests (GDPR, 152-FZ): the workflow from receipt to completion with legal due dates, execution
 * against Liaison's own tables and every connected system through {@code SubjectSystems} (implemented in {@code web}
 * with the connector registry), export bundles, restriction, rectification, and the tombstones that keep an erased
 * person from coming back. Subjects are recorded as salted hashes, and sealed in clear only while some system still
 * has to act.
 */
package dev.liaison.profile.compliance;
