/**
 * The learning network's register: partner organisations and their contact people ("competence friends" when they
 * agreed to be contacted again), every visit linked to its organisation and people, the partner pages and the visit
 * registration page that suggests known organisations and contacts. Knows nothing of the process engine.
 */
package se.samlarande.partner;
