/**
 * The app's own audit records: who did what to a visit and when, beside Camunda's history.
 * Features record through {@link se.samlarande.audit.AuditLog}; the report reads them back.
 */
package se.samlarande.audit;
