/**
 * The region's result measures: the figures stored when a visit closes, the report over filtered visits
 * ({@code /app/report}, charts and CSV) and each visit's audit trail. What it needs from the engine's history it
 * reads through its {@link se.samlarande.report.ProcessHistory} port, which {@code process} implements.
 */
package se.samlarande.report;
