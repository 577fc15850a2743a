package org.holdout.account;

import com.password4j.BcryptFunction;
import com.password4j.Password;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Generated passwords and tokens, and their hashes: bcrypt for passwords, SHA-256 for long random tokens. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Secrets() {
    }

    /** A password people can type: 14 characters without look-alikes (about 80 bits). */
    public static String newPassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }

    /**
     * About 256 random bits, URL-safe: API tokens, session ids, CSRF tokens. Never starting with '-', which a
     * command line ({@code holdout_kit.py submit --token T}) would take for an option.
     */
    public static String newToken() {
        byte[] b = new byte[32];
        String token;
        do {
            RANDOM.nextBytes(b);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        } while (token.startsWith("-"));
        return token;
    }

    public static String hashPassword(String password) {
        return Password.hash(password).withBcrypt().getResult();
    }

    /** Checked at the cost written in {@code hash}, whatever cost new hashes are made with now. */
    public static boolean checkPassword(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        BcryptFunction bcrypt;
        try {
            bcrypt = BcryptFunction.getInstanceFromHash(hash);
        } catch (RuntimeException notBcrypt) {
            return false;
        }
        return Password.check(password, hash).with(bcrypt);
    }

    /** A token has 256 random bits, so a fast hash is enough and lets us look it up by its hash. */
    public static String hashToken(String token) {
        return sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
