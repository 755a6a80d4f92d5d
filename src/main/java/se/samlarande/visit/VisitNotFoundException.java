package se.samlarande.visit;

/** No visit has that id or reference. */
public class VisitNotFoundException extends RuntimeException {

    public VisitNotFoundException(String idOrReference) {
        super("Inget besök med referensen " + idOrReference);
    }
}
