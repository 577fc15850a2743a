package org.holdout.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A sentence as data: a {@link Key} and its arguments (texts, or sentences of the same kind nested in it), read in
 * English or in Traditional Chinese (Taiwan). The scorer's {@link Refusal} and the server's code refusals are ones.
 */
public interface Bilingual {
    /** A sentence in English and in Traditional Chinese; {@code {n}} is the n-th argument. */
    interface Key {
        String english();

        String chinese();
    }

    Key key();

    List<Object> args();

    default String english() {
        return render(false);
    }

    default String chinese() {
        return render(true);
    }

    /** In Traditional Chinese when the locale's language is Chinese, else in English. */
    default String in(Locale locale) {
        return render(locale != null && locale.getLanguage().equals("zh"));
    }

    private String render(boolean chinese) {
        return Sentences.fill(chinese ? key().chinese() : key().english(), args(),
                a -> ((Bilingual) a).render(chinese));
    }

    /** An unmodifiable copy of {@code args}, each a String or a {@code kind}, else an IllegalArgumentException. */
    static List<Object> checked(List<Object> args, Class<? extends Bilingual> kind) {
        List<Object> copy = Collections.unmodifiableList(new ArrayList<>(args));
        for (Object a : copy) {
            if (!(a instanceof String) && !kind.isInstance(a)) {
                throw new IllegalArgumentException("an argument is a String or a " + kind.getSimpleName() + ": " + a);
            }
        }
        return copy;
    }

    /** The arguments with each one not a {@code kind} (numbers, say) made a text. */
    static List<Object> texts(Class<? extends Bilingual> kind, Object... args) {
        List<Object> list = new ArrayList<>();
        for (Object a : args) {
            list.add(kind.isInstance(a) ? a : String.valueOf(a));
        }
        return list;
    }
}
