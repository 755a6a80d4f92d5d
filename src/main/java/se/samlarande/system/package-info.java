/**
 * Configuration: sign-in and roles, the REST API's authentication, the engine's identity set-up
 * (groups, demo users, authorizations, Tasklist filters) and the clock every feature reads.
 */
package se.samlarande.system;
