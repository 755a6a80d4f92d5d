/**
 * The register of the region's units: a tree of any depth (region, administration, unit), each with a unique code,
 * a name and a functional mailbox; visits are linked to it by their free-text host unit.
 */
package se.samlarande.unit;
