package org.holdout.scoring;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A scorer's refusal as data: a {@link Key} and its arguments (texts, or refusals nested in it), so that the same
 * refusal reads in English (the stored form, for staff and disputes) or in Traditional Chinese (Taiwan).
 * The starter kit's {@code holdout_kit.py} holds the same sentences; the conformance corpus keeps them equal.
 */
public record Refusal(Key key, List<Object> args) implements Bilingual {
    public Refusal {
        Objects.requireNonNull(key);
        args = Bilingual.checked(args, Refusal.class);
    }

    /** Numbers become texts here ({@code 1,234} with a thousands separator is the caller's choice). */
    public static Refusal of(Key key, Object... args) {
        return new Refusal(key, Bilingual.texts(Refusal.class, args));
    }

    /** Text that stays as written in every language (the solution file's messages, for staff only). */
    static Refusal plain(String text) {
        return of(Key.PLAIN, text);
    }

    /** Every sentence of the scorer, in English and in Traditional Chinese; {@code {n}} is the n-th argument. */
    public enum Key implements Bilingual.Key {
        PLAIN("{0}", "{0}"),
        EMPTY("the file is empty; it must start with the header Id,Predicted",
                "檔案是空的；第一行必須是標頭 Id,Predicted"),
        UTF16("line 1 is not UTF-8 text: the file looks like UTF-16 (two bytes a character); save it as UTF-8",
                "第 1 行不是 UTF-8 文字：這個檔案看起來是 UTF-16（每個字元兩個位元組）；請存成 UTF-8"),
        HEADER_NOT_UTF8("line 1 is not UTF-8 text; save the file as UTF-8",
                "第 1 行不是 UTF-8 文字；請將檔案存成 UTF-8"),
        HEADER_BLANK("line 1 must be the header Id,Predicted, it is blank",
                "第 1 行必須是標頭 Id,Predicted，但它是空白行"),
        /** {0} the header found, quoted. */
        HEADER_FOUND("line 1 must be the header Id,Predicted, found {0}",
                "第 1 行必須是標頭 Id,Predicted，實際是 {0}"),
        /** {0} the number of test Ids. */
        ONLY_HEADER("the file has only the header Id,Predicted and no rows; it needs one row for each of the {0}"
                + " test Ids", "檔案只有標頭 Id,Predicted，沒有任何資料列；{0} 個測試 Id 每個都需要一列"),
        /** {0} the Id, {1} how many the file has, {2} how many there are. */
        MISSING("missing Id {0} (the file has {1} of the {2} test Ids)", "缺少 Id {0}（檔案有 {2} 個測試 Id 中的 {1} 個）"),
        /** {0} the line, {1} the byte in two hexadecimal digits. */
        NOT_UTF8("line {0} is not UTF-8 text (it has the byte 0x{1}); save the file as UTF-8",
                "第 {0} 行不是 UTF-8 文字（含有位元組 0x{1}）；請將檔案存成 UTF-8"),
        /** {0} the line, {1} a {@link #FIELD} or {@link #FIELDS}. */
        FIELD_COUNT("line {0} has {1}, expected 2 (Id,Predicted)", "第 {0} 行有 {1}，應為 2 個（Id,Predicted）"),
        FIELD("{0} field", "{0} 個欄位"),
        FIELDS("{0} fields", "{0} 個欄位"),
        EMPTY_ID("empty Id on line {0}", "第 {0} 行的 Id 是空的"),
        /** {0} the Id, quoted, {1} the line. */
        UNKNOWN_ID("unknown Id {0} on line {1}", "第 {1} 行有未知的 Id {0}"),
        /** {0} the Id, {1} the line, {2} the line it was first on. */
        DUPLICATE("duplicate Id {0} on line {1}, first on line {2}", "第 {1} 行的 Id {0} 重複，第一次出現在第 {2} 行"),
        BLANK("line {0} is blank", "第 {0} 行是空白行"),
        /** {0} a {@link #WHERE}. */
        EMPTY_SCORE("empty score {0}", "{0}的分數是空的"),
        /** {0} the score as written, {1} a {@link #WHERE}. */
        NOT_FINITE("{0} {1}: scores must be finite numbers", "{1}的 {0}：分數必須是有限的數字"),
        SPACES("{0} {1} has spaces around the number: write the number alone", "{1}的 {0} 數字前後有空白：只寫數字本身"),
        NOT_A_NUMBER("{0} is not a number {1}", "{1}的 {0} 不是數字"),
        OVERFLOW("{0} {1} is too large for a double: scores must be finite numbers",
                "{1}的 {0} 超出 double 的範圍：分數必須是有限的數字"),
        /** {0} the line, {1} the Id. */
        WHERE("on line {0} (Id {1})", "第 {0} 行（Id {1}）"),
        /** {0} the first problem, {1} a {@link #MORE_PROBLEM} or {@link #MORE_PROBLEMS}. */
        MORE("{0}; the file has {1}", "{0}；檔案還有 {1}"),
        MORE_PROBLEM("{0} more problem", "{0} 個問題"),
        MORE_PROBLEMS("{0} more problems", "{0} 個問題"),
        UNTERMINATED("unterminated quote: the quoted field that starts on line {0} never ends",
                "引號未結束：從第 {0} 行開始的加引號欄位沒有結束"),
        QUOTE_INSIDE("line {0} has a quote inside an unquoted field (quote the whole field and double the quotes"
                + " inside it)", "第 {0} 行在未加引號的欄位中有引號（請把整個欄位加上引號，並把其中的引號寫兩次）"),
        LONE_CR("line {0} has a carriage return that is not followed by a line feed (use LF or CRLF line ends)",
                "第 {0} 行有一個後面沒有換行字元（LF）的歸位字元（CR）（請用 LF 或 CRLF 換行）"),
        /** {0} the line, {1} the character quoted as {@code 'x'}, or a {@link #BYTE}. */
        AFTER_QUOTE("line {0} has {1} right after a closing quote (expected a comma or the end of the line)",
                "第 {0} 行在結束引號後緊接著 {1}（應為逗號或行尾）"),
        BYTE("the byte 0x{0}", "位元組 0x{0}");

        private final String english;
        private final String chinese;

        Key(String english, String chinese) {
            this.english = english;
            this.chinese = chinese;
        }

        @Override
        public String english() {
            return english;
        }

        @Override
        public String chinese() {
            return chinese;
        }
    }

    /** A byte as the messages write it: two upper-case hexadecimal digits. */
    static String hex(int b) {
        return String.format(Locale.ROOT, "%02X", b & 0xff);
    }
}
