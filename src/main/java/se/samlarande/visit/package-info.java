/**
 * Visits and their participants: the visit's reference, dates, state, programme and hosting report.
 * Knows nothing of the process engine.
 */
package se.samlarande.visit;
