package org.holdout.code;

import java.util.List;
import java.util.Objects;
import org.holdout.scoring.Bilingual;

/**
 * Why a code zip is refused, or a note on it, as data: a {@link Key} and its arguments (texts, or refusals nested in
 * it), so the same sentence reads in English (what is logged and what tests compare) or in Traditional Chinese
 * (Taiwan), like the scorer's {@code org.holdout.scoring.Refusal}.
 */
public record CodeRefusal(Key key, List<Object> args) implements Bilingual {
    public CodeRefusal {
        Objects.requireNonNull(key);
        args = Bilingual.checked(args, CodeRefusal.class);
    }

    public static CodeRefusal of(Key key, Object... args) {
        return new CodeRefusal(key, Bilingual.texts(CodeRefusal.class, args));
    }

    @Override
    public String toString() {
        return english();
    }

    /** Every sentence of the code step's checks, in English and in Traditional Chinese; {@code {n}} is the n-th argument. */
    public enum Key implements Bilingual.Key {
        NO_CODE_STEP("This competition has no code upload: staff have not set a code deadline.",
                "這個競賽沒有程式碼上傳：助教尚未設定程式碼截止時間。"),
        /** {0} the code deadline. */
        CLOSED("The code upload closed at the code deadline, {0}.", "程式碼上傳已在程式碼截止時間 {0} 結束。"),
        /** {0} the size limit. */
        TOO_LARGE("The zip is larger than the limit of {0}; leave out data sets, model weights and virtual"
                + " environments.", "zip 檔超過 {0} 的上限；請不要放入資料集、模型權重和虛擬環境。"),
        UPLOAD_EMPTY("The upload is empty; send the zip of your code.", "上傳的內容是空的；請傳送你程式碼的 zip 檔。"),
        FILE_EMPTY("The file is empty; upload a zip of your code.", "檔案是空的；請上傳你程式碼的 zip 檔。"),
        TOO_SHORT("The file has only {0} bytes: it is not a zip.", "檔案只有 {0} 個位元組：不是 zip 檔。"),
        CUT_OFF("The zip is cut off: its directory, at the end of a zip, is missing (did the upload or the download"
                + " before it stop early?).", "zip 檔不完整：位於 zip 檔結尾的目錄不見了（是上傳或之前的下載提早中斷了嗎？）。"),
        NOT_ZIP("The file is not a zip (it has no zip directory); make it with zip, 7-Zip or your system's Compress"
                + " command.", "檔案不是 zip 檔（沒有 zip 目錄）；請用 zip、7-Zip 或系統內建的「壓縮」功能製作。"),
        SPLIT("The zip is split into several parts; upload it as one zip.", "這個 zip 檔被分割成好幾個部分；請上傳單一個 zip 檔。"),
        /** {0} the entries, {1} the limit. */
        TOO_MANY("The zip has {0} entries; at most {1} are allowed (leave out data sets, virtual environments and"
                + " caches).", "zip 檔有 {0} 個項目；最多只允許 {1} 個（請不要放入資料集、虛擬環境和快取）。"),
        NO_FILES("The zip is empty: it has no files.", "zip 檔是空的：裡面沒有任何檔案。"),
        DIRECTORY_TOO_LARGE("The zip's directory is over {0} MB: it lists too much.",
                "zip 檔的目錄超過 {0} MB：列出的項目太多了。"),
        SHARED_DATA("Entry {0} and entry {1} share their data, as in a zip bomb; a zip tool writes each entry's data"
                + " once.", "項目 {0} 與項目 {1} 共用同一份資料，這是 zip 炸彈的手法；一般的壓縮工具會為每個項目各寫一份資料。"),
        SYMLINK("Entry {0} is a symbolic link; put the file it points to in the zip instead.",
                "項目 {0} 是符號連結；請改把它指向的檔案放進 zip 檔。"),
        ENCRYPTED("Entry {0} is encrypted; upload a zip without a password.", "項目 {0} 有加密；請上傳沒有密碼的 zip 檔。"),
        /** {0} the entry, {1} the method's number. */
        METHOD("Entry {0} is compressed with method {1}; only stored and deflated entries are accepted (the usual"
                + " zip; not 7z, bzip2, LZMA or zstd inside).", "項目 {0} 使用壓縮方法 {1}；只接受未壓縮（stored）或以"
                + " deflate 壓縮的項目（一般的 zip 檔；裡面不能用 7z、bzip2、LZMA 或 zstd）。"),
        EMPTY_NAME("An entry of the zip has an empty name.", "zip 檔裡有一個項目的名稱是空的。"),
        /** {0} the entry, {1} the character as U+XXXX. */
        CONTROL("Entry {0} has a control character ({1}) in its name.", "項目 {0} 的名稱裡有控制字元（{1}）。"),
        BACKSLASH("Entry {0} has a backslash in its name; a zip separates folders with /.",
                "項目 {0} 的名稱裡有反斜線；zip 檔用 / 分隔資料夾。"),
        ABSOLUTE("Entry {0} has an absolute path (it starts with /); the paths in a zip must be relative.",
                "項目 {0} 是絕對路徑（以 / 開頭）；zip 檔裡的路徑必須是相對路徑。"),
        DRIVE("Entry {0} starts with a drive letter; the paths in a zip must be relative.",
                "項目 {0} 以磁碟機代號開頭；zip 檔裡的路徑必須是相對路徑。"),
        UP("Entry {0} goes up out of its folder with \"..\"; the paths in a zip must stay inside it.",
                "項目 {0} 用「..」跑到所在資料夾之外；zip 檔裡的路徑必須留在資料夾內。"),
        /** {0} the entry's number. */
        NAME_NOT_UTF8("Entry {0} of the zip says its name is UTF-8, but it is not.",
                "zip 檔的第 {0} 個項目標示名稱是 UTF-8，但實際上不是。"),
        /** {0} the entry, {1} the other name. */
        TWO_NAMES("Entry {0} has another name, {1}, in its own header; a zip tool writes one name for each entry.",
                "項目 {0} 在自己的標頭裡寫著另一個名稱 {1}；一般的壓縮工具每個項目只會寫一個名稱。"),
        /** {0} the limit, {1} the entry. */
        UNPACKS_TOO_LARGE("The zip unpacks to more than {0} (reached in entry {1}); at most that much is allowed.",
                "zip 檔解壓縮後超過 {0}（在項目 {1} 時超過）；最多只允許這麼多。"),
        /** {0} the entry, {1} the ratio. */
        BOMB("Entry {0} unpacks to more than {1} times its compressed size, as a zip bomb does; at most {1} times is"
                + " allowed.", "項目 {0} 解壓縮後超過壓縮大小的 {1} 倍，這是 zip 炸彈的特徵；最多只允許 {1} 倍。"),
        NOT_PDF("Entry {0} is named .pdf but is not a PDF (it does not start with %PDF-), so it does not count as the"
                + " report.", "項目 {0} 的檔名是 .pdf，但內容不是 PDF（開頭不是 %PDF-），所以不算是報告。"),
        /** {0} one of the keys below, what is damaged. */
        DAMAGED("The zip is damaged: {0}.", "zip 檔已損壞：{0}。"),
        ZIP64_MISSING("its ZIP64 directory is missing", "它的 ZIP64 目錄不見了"),
        ZIP64_OUTSIDE("its ZIP64 directory lies outside the file", "它的 ZIP64 目錄位在檔案範圍之外"),
        ZIP64_MISPLACED("its ZIP64 directory is not where it should be", "它的 ZIP64 目錄不在應有的位置"),
        DIRECTORY_OUTSIDE("its directory lies outside the file", "它的目錄位在檔案範圍之外"),
        /** {0} the entries listed, {1} those held. */
        DIRECTORY_SHORT("its directory lists {0} entries but holds {1}", "它的目錄列出 {0} 個項目，實際上只有 {1} 個"),
        DIRECTORY_ENTRY_PAST("entry {0} of its directory runs past its end", "目錄裡的第 {0} 個項目超出目錄的結尾"),
        ZIP64_CUT("an entry's ZIP64 sizes are cut off", "某個項目的 ZIP64 大小資料不完整"),
        NEGATIVE_SIZE("an entry has a negative size", "某個項目的大小是負數"),
        NOT_WHERE_SAID("entry {0} is not where its directory says", "項目 {0} 不在目錄記載的位置"),
        PAST_END("entry {0}'s data runs past the end of the file", "項目 {0} 的資料超出檔案的結尾"),
        STORED_SIZES("entry {0} is stored but its two sizes differ", "項目 {0} 未壓縮，但它的兩個大小不一致"),
        DATA_EARLY("entry {0}'s data ends early", "項目 {0} 的資料提早結束"),
        COMPRESSED_EARLY("entry {0}'s compressed data ends early", "項目 {0} 的壓縮資料提早結束"),
        DICTIONARY("entry {0} needs a preset dictionary", "項目 {0} 需要預設字典"),
        /** {0} the entry, {1} the inflater's own words (English). */
        BROKEN("entry {0}'s compressed data is broken ({1})", "項目 {0} 的壓縮資料已毀損（{1}）"),
        /** {0} the entry, {1} the bytes it unpacks to, {2} the bytes its directory says. */
        SIZE_MISMATCH("entry {0} unpacks to {1} bytes, but its directory says {2}",
                "項目 {0} 解壓縮後是 {1} 個位元組，但目錄記載的是 {2}"),
        CRC("entry {0}'s CRC-32 does not match its bytes", "項目 {0} 的 CRC-32 與內容不符");

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
}
