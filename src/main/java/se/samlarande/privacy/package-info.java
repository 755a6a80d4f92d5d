/**
 * Data protection: how long each kind of personal data is kept ({@link se.samlarande.privacy.RetentionProperties}),
 * the nightly job that anonymises what has passed its time while keeping the anonymous figures, a person's register
 * extract and erasure on request ({@code /app/privacy}). Plain Spring; the engine's history through {@link se.samlarande.privacy.ProcessPersonalData}.
 */
package se.samlarande.privacy;
