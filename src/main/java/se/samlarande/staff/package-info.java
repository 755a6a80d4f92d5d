/**
 * The staff visit pages: every visit at a glance, and the actions Tasklist cannot offer (record an answer
 * received by phone or letter, move a visit to new dates, cancel it).
 */
package se.samlarande.staff;
