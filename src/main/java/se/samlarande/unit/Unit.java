package se.samlarande.unit;

/** One entry of the register; parentId null for a root (the region). */
public record Unit(long id, String code, String name, Long parentId, String mailbox, boolean active) {
}
