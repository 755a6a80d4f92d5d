package se.samlarande.system;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import se.samlarande.notification.StaffDirectory;

/** Staff addresses from Camunda's identity service. */
@Component
class CamundaStaffDirectory implements StaffDirectory {

    private final IdentityService identity;

    CamundaStaffDirectory(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Optional<StaffMember> find(String userId) {
        return Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()).map(CamundaStaffDirectory::member);
    }

    @Override
    public List<StaffMember> membersOf(String group) {
        return identity.createUserQuery().memberOfGroup(group).list().stream().map(CamundaStaffDirectory::member).toList();
    }

    @Override
    public List<StaffMember> withEmail(String email) {
        return identity.createUserQuery().userEmail(email).list().stream().map(CamundaStaffDirectory::member).toList();
    }

    private static StaffMember member(User user) {
        return new StaffMember(user.getId(), (user.getFirstName() + " " + user.getLastName()).trim(), user.getEmail());
    }
}
