package se.samlarande.visit;

/** What the host reports after hosting the visit. */
public record HostingReport(int attendance, String notes, String sharedWork, String reportedBy) {
}
