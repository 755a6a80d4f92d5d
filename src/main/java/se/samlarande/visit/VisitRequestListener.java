package se.samlarande.visit;

/** Told when an organisation has asked for a visit, so a coordinator gets to assess it (the process implements it). */
public interface VisitRequestListener {

    void requested(VisitRequest request);
}
