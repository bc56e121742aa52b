/**
 * Profiles: one per person and workspace, with identities (normalised e-mails and phones, external record refs) and
 * attributes that keep their source and time. {@code ProfileService} resolves identities to a profile, applies
 * attributes under the conflict rule (latest source time wins), merges profiles that share an identity and undoes
 * merges.
 */
package dev.liaison.profile.person;
