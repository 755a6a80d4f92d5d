/**
 * Camunda Forms ({@code forms/*.form}) read on the server: their fields, and validation of submitted values
 * against the same definition the browser uses (the browser's validation is a convenience, not a guarantee).
 */
package se.samlarande.form;
