package org.holdout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The colour contrast of the pages' text (WCAG 2: at least 4.5:1), computed from {@code static/style.css} itself: its
 * custom properties, every rule that sets both a text colour and a background, and the text that sits on the
 * surfaces it inherits (muted text on a highlighted row, links on the dark header).
 */
class ContrastTest {
    private static final double MINIMUM = 4.5;
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)}");
    private static final Pattern DECLARATION = Pattern.compile("([\\w-]+)\\s*:\\s*([^;]+)");

    private final String css = css();
    private final Map<String, String> vars = vars();
    private final Map<String, Map<String, String>> rules = rules();

    @Test
    void everyRuleWithATextColourAndABackgroundIsReadable() {
        List<String> checked = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        rules.forEach((selector, decl) -> {
            String fg = colour(decl.get("color"));
            String bg = colour(decl.getOrDefault("background", decl.get("background-color")));
            if (fg == null || bg == null || selector.contains("disabled")) {
                return;
            }
            checked.add(selector);
            double r = ratio(fg, bg);
            if (r < MINIMUM) {
                failing.add(selector + ": " + fg + " on " + bg + " is " + String.format("%.2f", r) + ":1");
            }
        });
        assertThat(checked).as("the pills, alerts and buttons are among the rules checked")
                .contains(".pill", ".pill.late", ".pill.excluded", ".pill.base", ".alert.warn", "button.primary");
        assertThat(failing).isEmpty();
    }

    @Test
    void inheritedTextIsReadableOnEverySurface() {
        Map<String, String> surfaces = new LinkedHashMap<>();
        for (String v : List.of("--bg", "--card", "--mine-bg", "--base-bg", "--good-bg", "--bad-bg")) {
            surfaces.put(v, colour("var(" + v + ")"));
        }
        surfaces.put(".table th", colour(rules.get(".table th").get("background")));
        List<String> failing = new ArrayList<>();
        for (Map.Entry<String, String> s : surfaces.entrySet()) {
            for (String text : List.of("--ink", "--muted", "--accent")) {
                double r = ratio(colour("var(" + text + ")"), s.getValue());
                if (r < MINIMUM) {
                    failing.add(text + " on " + s.getKey() + " is " + String.format("%.2f", r) + ":1");
                }
            }
        }
        assertThat(failing).isEmpty();
    }

    @Test
    void theHeadersLinksAreReadableOnTheDarkBar() {
        String bar = colour(rules.get(".top").get("background"));
        String highlighted = blend(rules.get(".top nav a.on, .top nav a:hover, .who a.on").get("background"), bar);
        for (String selector : List.of(".top nav a, .who a", ".top a.lang", "button.link", ".brand")) {
            String fg = colour(rules.get(selector).get("color"));
            assertThat(ratio(fg, bar)).as(selector).isGreaterThanOrEqualTo(MINIMUM);
            assertThat(ratio(fg, highlighted)).as(selector + " highlighted").isGreaterThanOrEqualTo(MINIMUM);
        }
    }

    @Test
    void focusIsVisible() {
        assertThat(rules.keySet()).anyMatch(s -> s.contains(":focus-visible"));
        Map<String, String> focus = rules.entrySet().stream().filter(e -> e.getKey().contains(":focus-visible"))
                .findFirst().orElseThrow().getValue();
        assertThat(focus.get("outline")).doesNotContain("none").contains("solid");
    }

    @Test
    void theRatioMatchesTheWcagExamples() {
        assertThat(ratio("#000000", "#ffffff")).isEqualTo(21.0);
        assertThat(ratio("#777777", "#ffffff")).isBetween(4.47, 4.49);
        assertThat(ratio("#767676", "#ffffff")).isBetween(4.54, 4.55);
    }

    static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        double[] c = {(rgb >> 16 & 255) / 255.0, (rgb >> 8 & 255) / 255.0, (rgb & 255) / 255.0};
        for (int i = 0; i < 3; i++) {
            c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : Math.pow((c[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    /** A solid colour as #rrggbb (custom properties resolved), or null for anything else. */
    private String colour(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        Matcher var = Pattern.compile("var\\((--[\\w-]+)\\)").matcher(v);
        if (var.matches()) {
            return colour(vars.get(var.group(1)));
        }
        if (v.matches("#[0-9a-fA-F]{3}")) {
            return ("#" + v.charAt(1) + v.charAt(1) + v.charAt(2) + v.charAt(2) + v.charAt(3) + v.charAt(3))
                    .toLowerCase();
        }
        return v.matches("#[0-9a-fA-F]{6}") ? v.toLowerCase() : null;
    }

    /** An {@code rgba(…)} background over a solid one. */
    private static String blend(String rgba, String under) {
        Matcher m = Pattern.compile("rgba\\((\\d+),\\s*(\\d+),\\s*(\\d+),\\s*([\\d.]+)\\)").matcher(rgba.strip());
        assertThat(m.matches()).as(rgba).isTrue();
        double a = Double.parseDouble(m.group(4));
        int u = Integer.parseInt(under.substring(1), 16);
        int[] base = {u >> 16 & 255, u >> 8 & 255, u & 255};
        StringBuilder out = new StringBuilder("#");
        for (int i = 0; i < 3; i++) {
            long c = Math.round(Integer.parseInt(m.group(i + 1)) * a + base[i] * (1 - a));
            out.append(String.format("%02x", c));
        }
        return out.toString();
    }

    private Map<String, String> vars() {
        Map<String, String> out = new HashMap<>();
        Matcher m = Pattern.compile("(--[\\w-]+)\\s*:\\s*([^;]+);").matcher(css);
        while (m.find()) {
            out.put(m.group(1), m.group(2).strip());
        }
        return out;
    }

    private Map<String, Map<String, String>> rules() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Matcher m = RULE.matcher(css.replaceAll("(?s)/\\*.*?\\*/", ""));
        while (m.find()) {
            Map<String, String> decl = out.computeIfAbsent(m.group(1).strip(), k -> new LinkedHashMap<>());
            Matcher d = DECLARATION.matcher(m.group(2));
            while (d.find()) {
                decl.put(d.group(1), d.group(2).strip());
            }
        }
        return out;
    }

    private static String css() {
        try (InputStream in = ContrastTest.class.getResourceAsStream("/static/style.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
