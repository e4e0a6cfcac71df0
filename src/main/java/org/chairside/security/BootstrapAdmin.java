package org.chairside.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On an empty user table, creates "admin" with the configured password. There is no built-in default:
 * without the property nobody can log in until an operator sets it.
 */
@ApplicationScoped
public class BootstrapAdmin {
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    private final Optional<String> password;

    public BootstrapAdmin(@ConfigProperty(name = "chairside.bootstrap.admin-password") Optional<String> password) {
        this.password = password;
    }

    void onStart(@Observes StartupEvent start) {
        try {
            QuarkusTransaction.requiringNew().run(this::createOnEmptyUserTable);
        } catch (RuntimeException e) {
            // Instances started together on an empty database both find no user and both insert "admin": the unique
            // user name lets one commit, and the others must start all the same (TwoInstancesIT met this). A lambda, not
            // AppUser::count: a method reference names the unenhanced PanacheEntityBase.count.
            if (QuarkusTransaction.requiringNew().call(() -> AppUser.count()) == 0) {
                throw e;
            }
            LOG.info("The bootstrap user 'admin' was created by another instance starting at the same time");
        }
    }

    private void createOnEmptyUserTable() {
        if (AppUser.count() > 0) {
            return;
        }
        if (password.isEmpty() || password.get().isBlank()) {
            LOG.warn("No users yet and chairside.bootstrap.admin-password is not set: nobody can log in");
            return;
        }
        if (password.get().getBytes(StandardCharsets.UTF_8).length > PasswordRule.MAX_BYTES) {
            LOG.warn("No users yet and chairside.bootstrap.admin-password is longer than " + PasswordRule.MAX_BYTES
                    + " bytes (UTF-8), more than bcrypt checks: nobody can log in until it is shorter");
            return;
        }
        AppUser.create("admin", password.get(), List.of(Roles.ADMIN), "Administrator", "bootstrap").persist();
        LOG.info("Created the bootstrap user 'admin'");
    }
}
