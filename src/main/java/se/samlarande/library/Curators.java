package se.samlarande.library;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who curates the library and assembles learning packages: coordinators and admins. */
public final class Curators {

    static final Set<String> GROUPS = Set.of("coordinators", "camunda-admin");

    private Curators() {
    }

    /** Whether the signed-in person is one of them. */
    public static boolean includes(Authentication user) {
        return user != null && user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(GROUPS::contains);
    }
}
