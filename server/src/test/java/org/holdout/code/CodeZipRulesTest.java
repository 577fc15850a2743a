package org.holdout.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.holdout.testing.Zips;
import org.junit.jupiter.api.Test;

class CodeZipRulesTest {
    private static CodeZipRules.Checked check(byte[] zip) throws Exception {
        return CodeZipRules.check(CodeZipRules.of(zip), CodeZipRules.DEFAULT);
    }

    private static String refusal(byte[] zip) throws Exception {
        CodeZipRules.Checked c = check(zip);
        assertThat(c.ok()).as("refused").isFalse();
        return c.problem();
    }

    @Test
    void aPlainZipOfCodeIsAcceptedWithItsEntriesCountedAndNoReport() throws Exception {
        CodeZipRules.Checked c = check(Zips.code(false, "x"));
        assertThat(c.ok()).isTrue();
        assertThat(c.entries()).isEqualTo(2);
        assertThat(c.hasReport()).isFalse();
        assertThat(c.unpackedBytes()).isEqualTo(("import numpy as np\n# x\n" + "print('Id,Predicted')\n").length());
        assertThat(c.notes()).isEmpty();
    }

    @Test
    void aReportIsAPdfEntryWhoseBytesStartWithThePdfMagic() throws Exception {
        assertThat(check(Zips.code(true, "x")).report()).isEqualTo("hw/report.pdf");
        Map<String, byte[]> upper = new LinkedHashMap<>();
        upper.put("REPORT.PDF", Zips.PDF);
        assertThat(check(Zips.of(upper)).hasReport()).isTrue();

        CodeZipRules.Checked fake = check(Zips.ofText("main.py", "pass", "report.pdf", "I will write it later"));
        assertThat(fake.ok()).isTrue();
        assertThat(fake.hasReport()).isFalse();
        assertThat(fake.notes()).singleElement().asString().contains("\"report.pdf\"", "not a PDF");

        Map<String, byte[]> notNamedPdf = new LinkedHashMap<>();
        notNamedPdf.put("report.txt", Zips.PDF);
        assertThat(check(Zips.of(notNamedPdf)).hasReport()).isFalse();
        Map<String, byte[]> mac = new LinkedHashMap<>();
        mac.put("report.pdf", Zips.PDF);
        mac.put("__MACOSX/._report.pdf", new byte[] {0, 5, 22, 7});
        CodeZipRules.Checked withMac = check(Zips.of(mac));
        assertThat(withMac.hasReport()).isTrue();
        assertThat(withMac.notes()).as("macOS metadata is no false alarm").isEmpty();
    }

    @Test
    void pathsThatLeaveTheFolderAreRefusedNamingTheEntry() throws Exception {
        assertThat(refusal(Zips.ofText("ok.py", "", "../../etc/cron.d/x", "")))
                .contains("\"../../etc/cron.d/x\"", "\"..\"");
        assertThat(refusal(Zips.ofText("src/../../x.py", ""))).contains("\"src/../../x.py\"", "..");
        assertThat(refusal(Zips.ofText("/etc/passwd", ""))).contains("\"/etc/passwd\"", "absolute");
        assertThat(refusal(Zips.ofText("C:/Windows/x.dll", ""))).contains("\"C:/Windows/x.dll\"", "drive letter");
        assertThat(refusal(Zips.ofText("..\\..\\x.py", ""))).contains("backslash");
        assertThat(refusal(Zips.ofText("a\u0000.py", ""))).contains("\"a\\u0000.py\"", "U+0000");
        assertThat(check(Zips.ofText("a..b/c..py", "", "./x.py", "")).ok()).as("dots inside a name are fine").isTrue();
    }

    @Test
    void symbolicLinksAndEncryptedEntriesAreRefused() throws Exception {
        byte[] zip = Zips.ofText("main.py", "pass", "secrets", "/home/ta/.ssh/id_rsa");
        assertThat(refusal(Zips.symlink(zip, "secrets"))).contains("\"secrets\"", "symbolic link");
        assertThat(refusal(Zips.encrypted(zip, "main.py"))).contains("\"main.py\"", "encrypted");
    }

    @Test
    void aZipBombIsRefusedQuicklyByWhatItReallyUnpacksTo() throws Exception {
        Map<String, byte[]> bomb = new LinkedHashMap<>();
        bomb.put("main.py", "pass".getBytes(StandardCharsets.UTF_8));
        bomb.put("weights.bin", new byte[200 << 20]);
        byte[] zip = Zips.of(bomb);
        assertThat(zip.length).isLessThan(1 << 20);
        long start = System.nanoTime();
        assertThat(refusal(zip)).contains("\"weights.bin\"", "200 times", "zip bomb");
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms to refuse").isLessThan(1_000);

        byte[] lying = zip.clone();
        int c = Zips.central(lying, "weights.bin");
        Zips.put32(lying, c + 24, 1000);
        assertThat(refusal(lying)).as("a header that claims a small size changes nothing").contains("zip bomb");
    }

    @Test
    void theTotalUnpackedSizeAndTheNumberOfEntriesAreLimited() throws Exception {
        byte[] random = new byte[600];
        new java.util.Random(1).nextBytes(random);
        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put("a.bin", random);
        two.put("b.bin", random);
        CodeZipRules.Limits small = new CodeZipRules.Limits(3, 1000, 200);
        assertThat(CodeZipRules.check(CodeZipRules.of(Zips.of(two)), small).problem())
                .contains("more than 1,000 bytes", "\"b.bin\"");

        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            many.put("f" + i + ".py", new byte[0]);
        }
        assertThat(CodeZipRules.check(CodeZipRules.of(Zips.of(many)), small).problem())
                .contains("4 entries", "at most 3");
        for (int i = 4; i < 10_001; i++) {
            many.put("f" + i + ".py", new byte[0]);
        }
        assertThat(refusal(Zips.of(many))).contains("10,001 entries", "at most 10,000");
    }

    @Test
    void whatIsNoZipOrADamagedOneIsRefusedSayingSo() throws Exception {
        assertThat(refusal(new byte[0])).contains("empty");
        assertThat(refusal("Id,Predicted\n0,0.5\n1,0.25\n2,0.75\n".getBytes(StandardCharsets.UTF_8)))
                .contains("not a zip");
        byte[] zip = Zips.code(true, "x");
        assertThat(refusal(java.util.Arrays.copyOf(zip, zip.length / 2))).contains("cut off");
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new ZipOutputStream(empty).close();
        assertThat(refusal(empty.toByteArray())).contains("The zip is empty");

        byte[] flipped = Zips.ofText("main.py", "print('hello, world, hello, world')");
        int l = Zips.local(flipped, "main.py");
        flipped[l + 30 + "main.py".length() + 3] ^= 0x55;
        assertThat(refusal(flipped)).contains("damaged", "\"main.py\"");

        byte[] bzip2 = Zips.ofText("main.py", "pass");
        Zips.put16(bzip2, Zips.central(bzip2, "main.py") + 10, 12);
        assertThat(refusal(bzip2)).contains("\"main.py\"", "method 12");
    }

    @Test
    void twoEntriesSharingOneLocalHeaderAreRefused() throws Exception {
        byte[] zip = Zips.ofText("a.py", "same", "b.py", "same");
        Zips.put32(zip, Zips.central(zip, "b.py") + 42, Zips.local(zip, "a.py"));
        assertThat(refusal(zip)).contains("\"b.py\"");
    }

    @Test
    void aStoredEntryIsCheckedToo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] data = "x = 1\n".getBytes(StandardCharsets.UTF_8);
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e = new ZipEntry("stored.py");
            e.setMethod(ZipEntry.STORED);
            e.setSize(data.length);
            e.setCompressedSize(data.length);
            e.setCrc(Zips.crc(data));
            z.putNextEntry(e);
            z.write(data);
            z.closeEntry();
        }
        assertThat(check(out.toByteArray()).ok()).isTrue();
        byte[] bad = out.toByteArray();
        bad[Zips.local(bad, "stored.py") + 30 + "stored.py".length()] = 'y';
        assertThat(refusal(bad)).contains("CRC-32", "\"stored.py\"");
    }
}
