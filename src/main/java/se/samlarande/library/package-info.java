/**
 * The library of good examples: every improvement work shared in a visit (a guest's intake, the host's report, the
 * summary meeting's learnings) becomes an entry, visible only with the consent of whoever shared it; coordinators
 * curate it; staff search it with Lucene (Swedish and English word forms). Plain Spring; knows no Camunda.
 */
package se.samlarande.library;
