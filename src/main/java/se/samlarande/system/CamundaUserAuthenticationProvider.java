package se.samlarande.system;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Signs staff in to the app's own pages with their Camunda account: the same user ids and passwords as
 * Tasklist and Cockpit, and their Camunda groups as authorities.
 */
@Component
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;

    CamundaUserAuthenticationProvider(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || credentials == null || !identity.checkPassword(userId, credentials.toString())) {
            throw new BadCredentialsException("Fel användarnamn eller lösenord");
        }
        // Each group twice: as itself (the app's own checks) and as a role (Actuator's "roles" checks).
        List<GrantedAuthority> groups = identity.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).flatMap(id -> java.util.stream.Stream.of(id, "ROLE_" + id))
                .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
