/**
 * Upgrades that carry every running visit: when the app starts with a new version of {@code bpmn/visit.bpmn}, the
 * instances started on older versions are migrated to it with Camunda's migration API, one instance at a time,
 * by the explicit steps in {@link se.samlarande.process.migration.VisitVersionSteps}. Each attempt is recorded in
 * {@code sl_process_migration} and the visit's audit trail; an instance that cannot be migrated stays on its version,
 * keeps running, and is listed on {@code /app/migrations}.
 */
package se.samlarande.process.migration;
