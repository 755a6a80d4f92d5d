/**
 * The guest side: personal links (only their hashes are stored), the short guest session a link opens, and the
 * guest pages that render the process's own Camunda Forms with form-js, validated again on the server.
 */
package se.samlarande.guest;
