/**
 * What guests and hosts answer: the intake before the visit, the evaluations after it, the summary meeting and, months
 * later, the host's practice follow-up. Moves the process only through the {@link se.samlarande.evaluation.AnswerListener} port.
 */
package se.samlarande.evaluation;
