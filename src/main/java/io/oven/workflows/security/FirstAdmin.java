package io.oven.workflows.security;

import io.oven.workflows.settings.SecuritySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;

/**
 * The first admin. {@code OVEN_ADMIN_PASSWORD} ({@code oven.admin.password}) sets the password of
 * the admin user ({@code oven.admin.user}, default {@code admin}) on every start, creating it when
 * missing; {@code OVEN_ADMIN_TOKEN} makes that value an admin API token. With neither and no
 * user yet (the very first start), an admin is created with a generated password, written to
 * the log this once.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Users users;
    private final ApiTokens tokens;
    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final String user;
    private final String password;
    private final String token;

    FirstAdmin(Users users, ApiTokens tokens, JdbcTemplate jdbc, PasswordEncoder passwords,
               SecuritySettings settings) {
        String user = settings.admin().user();
        String password = settings.admin().password();
        String token = settings.admin().token();
        this.users = users;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.user = user;
        this.password = password;
        this.token = token;
        if (!Users.USERNAME.matcher(user).matches()) {
            throw new IllegalStateException("oven.admin.user '" + user + "' is not a valid user name");
        }
        if (!password.isEmpty()) {
            Users.checkPassword(password, "OVEN_ADMIN_PASSWORD").ifPresent(problem -> {
                throw new IllegalStateException("OVEN_ADMIN_PASSWORD " + problem.message());
            });
        }
        if (!token.isEmpty() && token.length() < ApiTokens.MIN_LENGTH) {
            throw new IllegalStateException("OVEN_ADMIN_TOKEN must have at least " + ApiTokens.MIN_LENGTH + " characters");
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!password.isEmpty()) {
            users.ensure(user, password, Role.ADMIN);
            log.info("the admin '{}' logs in with the password in OVEN_ADMIN_PASSWORD", user);
        } else if (users.count() == 0) {
            String generated = generate();
            int made = jdbc.update("insert into users (username, password_hash, role, must_change_password) "
                    + "values (?, ?, 'admin', true) on conflict (username) do nothing", user, passwords.encode(generated));
            if (made == 1) {
                log.warn("""

                        ====================================================================
                          First start: log in to the dashboard as '{}' with the password
                              {}
                          It is shown only this once and works for one thing: choosing
                          your own (the dashboard asks; or PUT /api/auth/password). Or set
                          OVEN_ADMIN_PASSWORD (and OVEN_ADMIN_TOKEN for an API token).
                        ====================================================================""", user, generated);
            }
        }
        if (!token.isEmpty()) {
            tokens.ensure(token, "OVEN_ADMIN_TOKEN", Role.ADMIN);
            log.info("OVEN_ADMIN_TOKEN is an admin API token");
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
