package org.holdout.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.BcryptFunction;
import com.password4j.Password;
import com.password4j.types.Bcrypt;
import org.junit.jupiter.api.Test;

class SecretsTest {
    /** The tests make hashes at cost 4 (psw4j.properties); one the server made at its cost 10 must still check. */
    @Test
    void aHashIsCheckedAtTheCostWrittenInIt() {
        String atTen = Password.hash("a long passphrase").with(BcryptFunction.getInstance(Bcrypt.B, 10)).getResult();
        assertThat(atTen).startsWith("$2b$10$");
        assertThat(Secrets.checkPassword("a long passphrase", atTen)).isTrue();
        assertThat(Secrets.checkPassword("a wrong passphrase", atTen)).isFalse();
        String now = Secrets.hashPassword("a long passphrase");
        assertThat(now).startsWith("$2b$04$");
        assertThat(Secrets.checkPassword("a long passphrase", now)).isTrue();
    }

    @Test
    void nothingThatIsNotABcryptHashChecks() {
        assertThat(Secrets.checkPassword("x", "not a hash")).isFalse();
        assertThat(Secrets.checkPassword("x", "")).isFalse();
        assertThat(Secrets.checkPassword(null, Secrets.hashPassword("a long passphrase"))).isFalse();
        assertThat(Secrets.checkPassword("x", null)).isFalse();
    }

    /** One token in 64 began with '-' and the kit's {@code --token T} took it for an option (StarterKitTest failed so). */
    @Test
    void noTokenLooksLikeACommandLineOption() {
        for (int i = 0; i < 5_000; i++) {
            assertThat(Secrets.newToken()).doesNotStartWith("-").matches("[A-Za-z0-9_-]{43}");
        }
    }
}
