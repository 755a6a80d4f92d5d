package se.samlarande.partner;

import java.util.Map;

/**
 * Starts a visit's process with its start form's variables, as Tasklist submits them, in the name of the signed-in
 * coordinator. Implemented by the process package (Camunda's {@code FormService}); a registration the process refuses
 * comes back as {@link se.samlarande.visit.InvalidVisitException} with the reason.
 */
public interface RegistrationStartForm {

    /** @return the reference of the visit registered (the process's business key) */
    String submit(Map<String, Object> variables, String user);
}
