package org.holdout.scoring;

import java.util.List;
import java.util.function.Function;

/** Fills a sentence's {@code {n}} with its n-th argument: a text as it is, anything else through {@code nested}. */
public final class Sentences {
    private Sentences() {
    }

    public static String fill(String template, List<Object> args, Function<Object, String> nested) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int end = c == '{' ? template.indexOf('}', i) : -1;
            if (end > i + 1 && template.substring(i + 1, end).chars().allMatch(Character::isDigit)) {
                Object a = args.get(Integer.parseInt(template.substring(i + 1, end)));
                sb.append(a instanceof String s ? s : nested.apply(a));
                i = end + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }
}
