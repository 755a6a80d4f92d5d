/**
 * The visit process ({@code bpmn/visit.bpmn}): its ids and typed variables, the delegates and listeners
 * that bind it to the features, and the adapters through which the features move it. The only package
 * that knows the process engine.
 */
package se.samlarande.process;
