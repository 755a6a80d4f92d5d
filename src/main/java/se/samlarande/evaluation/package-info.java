/**
 * What guests and hosts answer: the intake before the visit, the evaluations after it and the summary meeting.
 * Moves the process only through the {@link se.samlarande.evaluation.AnswerListener} port.
 */
package se.samlarande.evaluation;
