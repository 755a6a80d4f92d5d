/**
 * Learning packages: a coordinator assembles modules around a theme from the library's visible entries (each module
 * with its goal, the entries quoted with credit, questions for a workshop and evaluation questions), and publishes the
 * package as a public page and a PDF (OpenHTMLtoPDF). Plain Spring; knows no Camunda.
 */
package se.samlarande.learning;
