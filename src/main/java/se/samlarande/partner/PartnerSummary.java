package se.samlarande.partner;

/** An organisation in the list: how many visits it has had and how many of its people may be contacted. */
public record PartnerSummary(Partner partner, int visits, int competenceFriends) {
}
