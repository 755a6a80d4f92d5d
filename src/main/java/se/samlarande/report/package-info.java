/** The region's result measures: the figures stored when a visit closes. */
package se.samlarande.report;
