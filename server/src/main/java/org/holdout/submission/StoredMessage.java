package org.holdout.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.holdout.scoring.Refusal;

/**
 * A message stored with a submission: its English text (the {@code message} column, what staff and disputes read)
 * and the same as data (the {@code message_key} column, JSON): a key and its arguments, so a page can write it in
 * the student's language. A key {@code scorer.NAME} is the scorer's {@link Refusal.Key}; any other key is one of
 * the site's messages ({@code i18n/messages*.properties}). Arguments are texts or nested messages.
 */
public record StoredMessage(String english, String key, List<Object> args) {
    public static final String SCORER = "scorer.";
    private static final ObjectMapper JSON = new ObjectMapper();

    public StoredMessage {
        args = List.copyOf(args);
    }

    public static StoredMessage of(Refusal r) {
        return new StoredMessage(r.english(), SCORER + r.key().name(), r.args());
    }

    /** A site message: {@code english} exactly as the English messages file words {@code key} with these args. */
    public static StoredMessage of(String english, String key, Object... args) {
        List<Object> list = new ArrayList<>();
        for (Object a : args) {
            list.add(String.valueOf(a));
        }
        return new StoredMessage(english, key, list);
    }

    /** The scorer's refusal this message is, or null when it is a site message. */
    public Refusal refusal() {
        return key.startsWith(SCORER) ? refusal(key, args) : null;
    }

    private static Refusal refusal(String key, List<Object> args) {
        List<Object> out = new ArrayList<>();
        for (Object a : args) {
            out.add(a instanceof StoredMessage m ? refusal(m.key, m.args) : a);
        }
        return new Refusal(Refusal.Key.valueOf(key.substring(SCORER.length())), out);
    }

    public String json() {
        return node(key, args).toString();
    }

    private static ObjectNode node(String key, List<Object> args) {
        ObjectNode n = JSON.createObjectNode().put("key", key);
        ArrayNode a = n.putArray("args");
        for (Object arg : args) {
            if (arg instanceof Refusal r) {
                a.add(node(SCORER + r.key().name(), r.args()));
            } else if (arg instanceof StoredMessage m) {
                a.add(node(m.key, m.args));
            } else {
                a.add((String) arg);
            }
        }
        return n;
    }

    /** The message stored as {@code english} and {@code json}; null when there is no JSON or it cannot be read. */
    public static StoredMessage parse(String english, String json) {
        if (english == null || json == null) {
            return null;
        }
        try {
            StoredMessage m = read(english, JSON.readTree(json));
            if (m.key.startsWith(SCORER)) {
                m.refusal();
            }
            return m;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private static StoredMessage read(String english, JsonNode n) {
        List<Object> args = new ArrayList<>();
        for (JsonNode a : n.get("args")) {
            args.add(a.isObject() ? read(null, a) : a.asText());
        }
        return new StoredMessage(english, n.get("key").asText(), args);
    }
}
