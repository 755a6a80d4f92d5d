package se.samlarande.notification;

import java.util.List;
import java.util.Optional;

/** Staff with an account: where their email addresses come from. */
public interface StaffDirectory {

    record StaffMember(String userId, String name, String email) {
    }

    Optional<StaffMember> find(String userId);

    List<StaffMember> membersOf(String group);

    /** Staff accounts with this email address (normally one; none for a guest's address). */
    List<StaffMember> withEmail(String email);
}
