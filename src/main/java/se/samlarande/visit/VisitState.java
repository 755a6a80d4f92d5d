package se.samlarande.visit;

/** Where a visit is in its lifecycle, as staff and reports see it. */
public enum VisitState {
    INVITED, PLANNED, HOSTED, SUMMARY, CLOSED, CANCELLED;

    public boolean isOpen() {
        return this != CLOSED && this != CANCELLED;
    }
}
