#!/usr/bin/env python3
"""Holdout starter kit: check a submission offline, and submit it.

    python3 holdout_kit.py check submission.csv --sample sample_submission.csv
    python3 holdout_kit.py submit submission.csv --server URL --token TOKEN [--competition SLUG]

`check` applies exactly the server's rules and prints exactly the server's message for a refused file, or
"OK: N rows". `submit` uploads the file with your personal token (Account page) and prints the public score.
Python 3.8+, standard library only.

Exit codes: 0 OK (check passed, or the submission was scored); 1 the file is refused (by `check`, or by the
server: 422, 415, 413); 2 wrong command line; 3 a file cannot be read; 4 the daily limit is reached (429);
5 the server refused for another reason (401 token, 403 deadline, 404 competition, ...) or cannot be reached.
"""

import argparse
import json
import os
import re
import sys
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import uuid

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_FILE, EXIT_LIMIT, EXIT_SERVER = 0, 1, 2, 3, 4, 5

# Every sentence the kit writes, by key: a translation adds a table with the same keys and placeholders.
MESSAGES = {
    "en": {
        # the scorer's refusals (the server's words exactly)
        "empty": "the file is empty; it must start with the header Id,Predicted",
        "utf16": "line 1 is not UTF-8 text: the file looks like UTF-16 (two bytes a character); save it as UTF-8",
        "header_not_utf8": "line 1 is not UTF-8 text; save the file as UTF-8",
        "header_blank": "line 1 must be the header Id,Predicted, it is blank",
        "header_found": "line 1 must be the header Id,Predicted, found {found}",
        "only_header": "the file has only the header Id,Predicted and no rows; it needs one row for each of the"
                       " {size} test Ids",
        "missing": "missing Id {id} (the file has {seen} of the {size} test Ids)",
        "not_utf8": "line {line} is not UTF-8 text (it has the byte 0x{byte:02X}); save the file as UTF-8",
        "fields": "line {line} has {fields}, expected 2 (Id,Predicted)",
        "field": "{n} field",
        "fields_n": "{n} fields",
        "empty_id": "empty Id on line {line}",
        "unknown_id": "unknown Id {id} on line {line}",
        "duplicate": "duplicate Id {id} on line {line}, first on line {first}",
        "blank": "line {line} is blank",
        "empty_score": "empty score {where}",
        "not_finite": "{text} {where}: scores must be finite numbers",
        "spaces": "{text} {where} has spaces around the number: write the number alone",
        "not_number": "{text} is not a number {where}",
        "overflow": "{text} {where} is too large for a double: scores must be finite numbers",
        "where": "on line {line} (Id {id})",
        "more": "{first}; the file has {more}",
        "more_problem": "{n} more problem",
        "more_problems": "{n} more problems",
        "unterminated": "unterminated quote: the quoted field that starts on line {line} never ends",
        "quote_inside": "line {line} has a quote inside an unquoted field (quote the whole field and double the"
                        " quotes inside it)",
        "lone_cr": "line {line} has a carriage return that is not followed by a line feed (use LF or CRLF line"
                   " ends)",
        "after_quote": "line {line} has {what} right after a closing quote (expected a comma or the end of the line)",
        "byte": "the byte 0x{byte:02X}",
        # the upload's checks before the scorer (web/Uploads)
        "compressed": "{name} is a {kind} archive, not a CSV: uncompress it and upload the .csv file itself.",
        # the kit's own words
        "ok": "OK: {rows} rows",
        "refused": "refused: {message}",
        "cannot_read": "cannot read {path}: {why}",
        "sample_bad": "{path} is not a usable sample submission: {message}",
        "scored": "scored: public score {score} (submission {id}, {name})",
        "scored_no_public": "scored (submission {id}); no public score: {reason}",
        "left": "uploads left today: {left} of {limit} (the day turns at {resets}, {zone})",
        "limit": "the daily limit is reached: {message}",
        "limit_resets": "the day turns at {resets} ({zone}), in {wait}; refused files do not count",
        "server_error": "the server answered {status}: {message}",
        "unreachable": "cannot reach {url}: {why}",
        "not_json": "the server answered {status} with something that is not Holdout's JSON: {start}",
        "token_missing": "give your token with --token or the environment variable HOLDOUT_TOKEN"
                         " (generate it on your Account page)",
        "the_file": "The file",
        "wait_hours": "{h} h {m:02d} min",
        "wait_minutes": "{m} min",
    },
    # Traditional Chinese (Taiwan). The scorer's refusals are byte for byte the server's (org.holdout.scoring.Refusal,
    # checked by the conformance corpus's expect_zh_TW); the server answers in Chinese to Accept-Language: zh-TW.
    "zh-TW": {
        "empty": "檔案是空的；第一行必須是標頭 Id,Predicted",
        "utf16": "第 1 行不是 UTF-8 文字：這個檔案看起來是 UTF-16（每個字元兩個位元組）；請存成 UTF-8",
        "header_not_utf8": "第 1 行不是 UTF-8 文字；請將檔案存成 UTF-8",
        "header_blank": "第 1 行必須是標頭 Id,Predicted，但它是空白行",
        "header_found": "第 1 行必須是標頭 Id,Predicted，實際是 {found}",
        "only_header": "檔案只有標頭 Id,Predicted，沒有任何資料列；{size} 個測試 Id 每個都需要一列",
        "missing": "缺少 Id {id}（檔案有 {size} 個測試 Id 中的 {seen} 個）",
        "not_utf8": "第 {line} 行不是 UTF-8 文字（含有位元組 0x{byte:02X}）；請將檔案存成 UTF-8",
        "fields": "第 {line} 行有 {fields}，應為 2 個（Id,Predicted）",
        "field": "{n} 個欄位",
        "fields_n": "{n} 個欄位",
        "empty_id": "第 {line} 行的 Id 是空的",
        "unknown_id": "第 {line} 行有未知的 Id {id}",
        "duplicate": "第 {line} 行的 Id {id} 重複，第一次出現在第 {first} 行",
        "blank": "第 {line} 行是空白行",
        "empty_score": "{where}的分數是空的",
        "not_finite": "{where}的 {text}：分數必須是有限的數字",
        "spaces": "{where}的 {text} 數字前後有空白：只寫數字本身",
        "not_number": "{where}的 {text} 不是數字",
        "overflow": "{where}的 {text} 超出 double 的範圍：分數必須是有限的數字",
        "where": "第 {line} 行（Id {id}）",
        "more": "{first}；檔案還有 {more}",
        "more_problem": "{n} 個問題",
        "more_problems": "{n} 個問題",
        "unterminated": "引號未結束：從第 {line} 行開始的加引號欄位沒有結束",
        "quote_inside": "第 {line} 行在未加引號的欄位中有引號（請把整個欄位加上引號，並把其中的引號寫兩次）",
        "lone_cr": "第 {line} 行有一個後面沒有換行字元（LF）的歸位字元（CR）（請用 LF 或 CRLF 換行）",
        "after_quote": "第 {line} 行在結束引號後緊接著 {what}（應為逗號或行尾）",
        "byte": "位元組 0x{byte:02X}",
        "compressed": "{name}是 {kind} 壓縮檔，不是 CSV：請解壓縮後上傳 .csv 檔本身。",
        "ok": "OK：共 {rows} 列",
        "refused": "不被接受：{message}",
        "cannot_read": "無法讀取 {path}：{why}",
        "sample_bad": "{path} 不是可用的範例提交檔：{message}",
        "scored": "已評分：公開分數 {score}（提交 {id}，{name}）",
        "scored_no_public": "已評分（提交 {id}）；沒有公開分數：{reason}",
        "left": "今天還可上傳 {left} 次，共 {limit} 次（{resets} 換日，{zone}）",
        "limit": "已達每日上限：{message}",
        "limit_resets": "{resets}（{zone}）換日，還有 {wait}；不被接受的檔案不計入次數",
        "server_error": "伺服器回應 {status}：{message}",
        "unreachable": "無法連線到 {url}：{why}",
        "not_json": "伺服器回應 {status}，但內容不是 Holdout 的 JSON：{start}",
        "token_missing": "請用 --token 或環境變數 HOLDOUT_TOKEN 提供你的權杖（在帳戶頁面產生）",
        "the_file": "這個檔案",
        "wait_hours": "{h} 小時 {m:02d} 分",
        "wait_minutes": "{m} 分鐘",
    },
}


def _lang(requested):
    """--lang, else the locale as POSIX orders it (LC_ALL, LC_MESSAGES, LANG): any Chinese gets zh-TW, as on the site;
    anything else English."""
    names = [requested] + [os.environ.get(v) for v in ("LC_ALL", "LC_MESSAGES", "LANG")]
    name = next((n for n in names if n), "en").split(".")[0].split("@")[0].replace("_", "-")
    if name in MESSAGES:
        return name
    return "zh-TW" if name.lower().startswith("zh") else "en"


LANG = "en"


def t(key, **values):
    table = MESSAGES.get(LANG, MESSAGES["en"])
    return table.get(key, MESSAGES["en"][key]).format(**values)


# --- what values look like in messages (org.holdout.scoring.Text) ---

MAX_SHOWN = 60


def count(n):
    return "{:,}".format(n)


def plural_fields(n):
    return t("field" if n == 1 else "fields_n", n=count(n))


def quote(s):
    """Double-quoted, control characters, quotes and backslashes escaped, cut after 60 characters."""
    out = ['"']
    for shown, ch in enumerate(s):
        if shown == MAX_SHOWN:
            out.append("...")
            break
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif c < 0x20 or c == 0x7F or c == 0xFEFF:
            out.append("\\u%04X" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def show_id(i):
    if i and len(i) <= MAX_SHOWN and all("0" <= c <= "9" for c in i):
        return i
    return quote(i)


# --- the score grammar (org.holdout.scoring.Decimal) ---

DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def parse_score(text):
    """The double of a plain decimal literal, None when it is not one; infinite when it overflows."""
    if not DECIMAL.fullmatch(text):
        return None
    return float(text)


def _java_whitespace(ch):
    """Java's Character.isWhitespace, which String.strip uses (a no-break space is not whitespace)."""
    if ch in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f":
        return True
    return unicodedata.category(ch) in ("Zs", "Zl", "Zp") and ch not in "\u00a0\u2007\u202f"


def _java_strip(s):
    a, b = 0, len(s)
    while a < b and _java_whitespace(s[a]):
        a += 1
    while b > a and _java_whitespace(s[b - 1]):
        b -= 1
    return s[a:b]


def score_problem(text, where):
    if text == "":
        return t("empty_score", where=where)
    unsigned = text[1:] if text[:1] in "+-" else text
    if unsigned.lower() in ("nan", "inf", "infinity"):
        return t("not_finite", text=text, where=where)
    trimmed = _java_strip(text)
    if trimmed != text and trimmed and parse_score(trimmed) is not None:
        return t("spaces", text=quote(text), where=where)
    return t("not_number", text=quote(text), where=where)


# --- CSV records straight from the bytes (org.holdout.scoring.CsvRecords) ---

class CsvProblem(Exception):
    def __init__(self, message, line):
        Exception.__init__(self, message)
        self.line = line


class Record:
    __slots__ = ("line", "fields", "blank", "bad_line", "bad_byte", "raw")


def _describe(c):
    return "'" + chr(c) + "'" if 0x20 <= c < 0x7F else t("byte", byte=c)


def _first_invalid_utf8(b, start, end):
    try:
        b[start:end].decode("utf-8")
        return -1
    except UnicodeDecodeError as e:
        return start + e.start


_UNQUOTED = re.compile(rb'[^,\r\n"]*')


def records(b):
    """Yields one Record per CSV record: comma separated, optionally quoted fields, LF or CRLF, BOM skipped."""
    n = len(b)
    pos = 3 if b[:3] == b"\xef\xbb\xbf" else 0
    next_line = 1
    while pos < n:
        p = pos
        newlines = 0
        fields = []
        first_quoted = False
        non_ascii = False
        while True:
            if p < n and b[p] == 0x22:
                quote_line = next_line + newlines
                if not fields:
                    first_quoted = True
                p += 1
                parts = []
                start = p
                while True:
                    q = b.find(b'"', p)
                    if q < 0:
                        raise CsvProblem(t("unterminated", line=quote_line), quote_line)
                    newlines += b.count(b"\n", p, q)
                    if q + 1 < n and b[q + 1] == 0x22:
                        parts.append(b[start:q + 1])
                        p = q + 2
                        start = p
                        continue
                    parts.append(b[start:q])
                    p = q + 1
                    break
                field = b"".join(parts)
            else:
                start = p
                p = _UNQUOTED.match(b, p).end()
                if p < n and b[p] == 0x22:
                    line = next_line + newlines
                    raise CsvProblem(t("quote_inside", line=line), line)
                field = b[start:p]
            if not non_ascii and not field.isascii():
                non_ascii = True
            fields.append(field)
            if p >= n:
                record_end = end = p
                break
            c = b[p]
            if c == 0x2C:
                p += 1
                continue
            if c == 0x0A:
                record_end, end = p, p + 1
                break
            if c == 0x0D:
                if p + 1 >= n:
                    record_end, end = p, p + 1
                    break
                if b[p + 1] == 0x0A:
                    record_end, end = p, p + 2
                    break
                line = next_line + newlines
                raise CsvProblem(t("lone_cr", line=line), line)
            line = next_line + newlines
            raise CsvProblem(t("after_quote", line=line, what=_describe(c)), line)
        r = Record()
        r.line = next_line
        r.fields = fields
        r.blank = len(fields) == 1 and not first_quoted and not fields[0]
        r.raw = b[pos:record_end]
        r.bad_line = 0
        r.bad_byte = 0
        if non_ascii:
            bad = _first_invalid_utf8(b, pos, record_end)
            if bad >= 0:
                r.bad_line = next_line + b.count(b"\n", pos, bad)
                r.bad_byte = b[bad]
        next_line += newlines + 1
        pos = end
        yield r


def starts_like_utf16(b):
    if len(b) < 2:
        return False
    return b[0] == 0 or b[1] == 0 or b[:2] in (b"\xff\xfe", b"\xfe\xff")


# --- the test Ids, from sample_submission.csv (org.holdout.scoring.Solution) ---

def _canonical_number(i):
    if not i or len(i) > 18 or (i[0] == "0" and len(i) > 1) or not all("0" <= c <= "9" for c in i):
        return None
    return int(i)


class TestIds:
    """The test Ids in the order the server names a missing one: by number when they are the numbers k..k+M-1,
    else as listed."""

    def __init__(self, ids):
        numbers = [_canonical_number(i) for i in ids]
        if ids and None not in numbers and max(numbers) - min(numbers) + 1 == len(ids):
            ids = sorted(ids, key=int)
        self.ids = ids
        self.slot = {i.encode("utf-8"): s for s, i in enumerate(ids)}
        if len(self.slot) != len(ids):
            raise ValueError("an Id is listed twice")

    @classmethod
    def from_sample(cls, data):
        ids = []
        for k, r in enumerate(records(data)):
            if r.bad_line:
                raise ValueError("line %d is not UTF-8 text" % r.bad_line)
            if k == 0:
                if r.fields[:1] != [b"Id"]:
                    raise ValueError("line 1 must be a header starting with Id")
                continue
            if r.blank:
                continue
            if not r.fields[0]:
                raise ValueError("line %d has an empty Id" % r.line)
            ids.append(r.fields[0].decode("utf-8"))
        if not ids:
            raise ValueError("it has no Ids")
        return cls(ids)


# --- the rules (org.holdout.scoring.Scorer) ---

class Refused(Exception):
    pass


class _Problems:
    def __init__(self):
        self.first = None
        self.more = 0
        self.blank_line = 0
        self.blanks = 0

    def add(self, message):
        if self.first is None:
            self.first = message
        else:
            self.more += 1

    def message(self):
        if self.more == 0:
            return self.first
        words = t("more_problem" if self.more == 1 else "more_problems", n=count(self.more))
        return t("more", first=self.first, more=words)


def check(data, test_ids):
    """The number of rows of an acceptable submission; raises Refused with the server's message otherwise."""
    size = len(test_ids.ids)
    slot_of = test_ids.slot
    problems = _Problems()
    first_line = [0] * size
    seen = 0
    any_row = False
    complete = False
    it = records(data)
    try:
        header = next(it, None)
    except CsvProblem as e:
        if starts_like_utf16(data):
            raise Refused(t("utf16"))
        raise Refused(str(e))
    if starts_like_utf16(data):
        raise Refused(t("utf16"))
    if header is None:
        raise Refused(t("empty"))
    if header.bad_line:
        raise Refused(t("header_not_utf8"))
    if header.fields != [b"Id", b"Predicted"]:
        if header.blank:
            raise Refused(t("header_blank"))
        found = header.raw[:200].decode("utf-8", "replace")
        raise Refused(t("header_found", found=quote(found)))
    try:
        for r in it:
            if r.blank:
                if problems.blanks == 0:
                    problems.blank_line = r.line
                problems.blanks += 1
                continue
            any_row = True
            if problems.blanks:
                problems.add(t("blank", line=problems.blank_line))
                problems.more += problems.blanks - 1
                problems.blanks = 0
            if r.bad_line:
                problems.add(t("not_utf8", line=r.bad_line, byte=r.bad_byte))
                continue
            slot = slot_of.get(r.fields[0], -1)
            if len(r.fields) != 2:
                if slot >= 0 and not first_line[slot]:
                    first_line[slot] = r.line
                    seen += 1
                problems.add(t("fields", line=r.line, fields=plural_fields(len(r.fields))))
                continue
            text_id = r.fields[0].decode("utf-8")
            if slot < 0:
                if text_id:
                    problems.add(t("unknown_id", id=quote(text_id), line=r.line))
                else:
                    problems.add(t("empty_id", line=r.line))
                continue
            if first_line[slot]:
                problems.add(t("duplicate", id=show_id(test_ids.ids[slot]), line=r.line, first=first_line[slot]))
                continue
            first_line[slot] = r.line
            seen += 1
            text = r.fields[1].decode("utf-8")
            v = parse_score(text)
            if v is not None and v not in (float("inf"), float("-inf")):
                continue
            where = t("where", line=r.line, id=show_id(text_id))
            problems.add(score_problem(text, where) if v is None else t("overflow", text=quote(text), where=where))
        complete = True
    except CsvProblem as e:
        problems.add(str(e))
    if complete and not any_row:
        problems.add(t("only_header", size=count(size)))
    elif complete and seen < size:
        missing = next(s for s in range(size) if not first_line[s])
        problems.add(t("missing", id=show_id(test_ids.ids[missing]), seen=count(seen), size=count(size)))
        problems.more += size - seen - 1
    if problems.first is not None:
        raise Refused(problems.message())
    return size


def compression(data):
    """The compression format whose magic number starts the file, as the server detects it (web/Uploads)."""
    magics = [(b"\x1f\x8b", "gzip"), (b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"), (b"BZh", "bzip2"),
              (b"\xfd7zXZ\x00", "xz"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x28\xb5\x2f\xfd", "zstd")]
    for magic, kind in magics:
        if data.startswith(magic):
            return kind
    return None


def verdict(data, test_ids, file_name=None):
    """What `check` prints for a file and its exit code."""
    kind = compression(data)
    if kind:
        name = '"%s"' % file_name if file_name and file_name.strip() else t("the_file")
        return t("compressed", name=name, kind=kind), EXIT_REFUSED
    try:
        return t("ok", rows=check(data, test_ids)), EXIT_OK
    except Refused as e:
        return str(e), EXIT_REFUSED


# --- the commands ---

def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        print(t("cannot_read", path=path, why=e.strerror or e), file=sys.stderr)
        sys.exit(EXIT_FILE)


def cmd_check(args):
    data = _read(args.file)
    sample = _read(args.sample)
    try:
        ids = TestIds.from_sample(sample)
    except (ValueError, CsvProblem) as e:
        print(t("sample_bad", path=args.sample, message=e), file=sys.stderr)
        return EXIT_FILE
    text, code = verdict(data, ids, os.path.basename(args.file))
    print(text)
    return code


def _multipart(field, file_name, data):
    boundary = "holdout-" + uuid.uuid4().hex
    safe = file_name.replace('"', "_").replace("\r", "_").replace("\n", "_")
    head = ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
            "Content-Type: text/csv\r\n\r\n" % (boundary, field, safe)).encode("utf-8")
    return head + data + ("\r\n--%s--\r\n" % boundary).encode("ascii"), "multipart/form-data; boundary=" + boundary


def five_decimals(v):
    """A score as the site shows it (ScoreText.fiveDecimals: half-up to 5 decimals)."""
    from decimal import Decimal, ROUND_HALF_UP
    return str(Decimal(repr(v)).quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP))


def local_time(instant, zone):
    """An ISO instant from the server as the site shows times: in the competition's time zone, like
    "2026-03-02 00:00 GMT+8" (in UTC where Python has no zoneinfo, before 3.9)."""
    import datetime
    try:
        when = datetime.datetime.fromisoformat(re.sub(r"\.\d+", "", instant).replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return str(instant)
    fixed = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?", zone or "")
    try:
        if fixed:
            minutes = int(fixed.group(2)) * 60 + int(fixed.group(3) or 0)
            tz = datetime.timezone(datetime.timedelta(minutes=minutes if fixed.group(1) == "+" else -minutes))
        else:
            import zoneinfo
            tz = zoneinfo.ZoneInfo(zone)
        when = when.astimezone(tz)
    except Exception:  # no zoneinfo module or no time zone data: UTC is still right
        when = when.astimezone(datetime.timezone.utc)
    minutes = int(when.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    offset = "GMT" if minutes == 0 else "GMT%s%d%s" % (sign, h, ":%02d" % m if m else "")
    return when.strftime("%Y-%m-%d %H:%M ") + offset


def _wait(seconds):
    h, rest = divmod(max(0, int(seconds)), 3600)
    m = rest // 60
    return t("wait_hours", h=h, m=m) if h else t("wait_minutes", m=max(1, m))


def cmd_submit(args):
    token = args.token or os.environ.get("HOLDOUT_TOKEN")
    if not token:
        print(t("token_missing"), file=sys.stderr)
        return EXIT_USAGE
    data = _read(args.file)
    base = args.server.rstrip("/")
    path = "/api/c/%s/submissions" % urllib.parse.quote(args.competition, safe="") if args.competition \
        else "/api/submissions"
    body, content_type = _multipart("file", os.path.basename(args.file), data)
    req = urllib.request.Request(base + path, data=body, method="POST", headers={
        "Authorization": "Bearer " + token, "Content-Type": content_type, "Accept": "application/json",
        "Accept-Language": "zh-TW" if LANG == "zh-TW" else "en",
        "User-Agent": "holdout_kit.py"})
    try:
        with urllib.request.urlopen(req, timeout=args.timeout) as res:
            status, raw, retry = res.status, res.read(), res.headers.get("Retry-After")
    except urllib.error.HTTPError as e:
        status, raw, retry = e.code, e.read(), e.headers.get("Retry-After")
    except (urllib.error.URLError, OSError) as e:
        print(t("unreachable", url=base + path, why=getattr(e, "reason", e)), file=sys.stderr)
        return EXIT_SERVER
    try:
        answer = json.loads(raw.decode("utf-8"))
        if not isinstance(answer, dict):
            raise ValueError
    except ValueError:
        print(t("not_json", status=status, start=raw[:200].decode("utf-8", "replace")), file=sys.stderr)
        return EXIT_SERVER
    left = None
    if "submissionsLeftToday" in answer:
        left = t("left", left=answer["submissionsLeftToday"], limit=answer.get("dailyLimit"),
                 resets=local_time(answer.get("dayResetsAt"), answer.get("timeZone")), zone=answer.get("timeZone"))
    if status in (200, 201):
        s = answer.get("submission") or {}
        if s.get("publicScore") is not None:
            shown = s.get("publicScoreText") or five_decimals(s["publicScore"])
            print(t("scored", score=shown, id=s.get("id"), name=s.get("fileName")))
        else:
            print(t("scored_no_public", id=s.get("id"), reason=s.get("message")))
        if left:
            print(left)
        return EXIT_OK
    message = answer.get("error", "")
    if status == 429:
        print(t("limit", message=message), file=sys.stderr)
        if answer.get("dayResetsAt"):
            wait = _wait(int(retry)) if retry and retry.isdigit() else "?"
            print(t("limit_resets", resets=local_time(answer["dayResetsAt"], answer.get("timeZone")),
                    zone=answer.get("timeZone"), wait=wait),
                  file=sys.stderr)
        return EXIT_LIMIT
    if status in (413, 415, 422):
        print(t("refused", message=message), file=sys.stderr)
        if left:
            print(left, file=sys.stderr)
        return EXIT_REFUSED
    print(t("server_error", status=status, message=message), file=sys.stderr)
    return EXIT_SERVER


def main(argv=None):
    parser = argparse.ArgumentParser(prog="holdout_kit.py", description=__doc__.split("\n\n")[0],
                                     epilog="Exit codes: 0 ok, 1 refused, 2 wrong command line, 3 a file cannot be"
                                            " read, 4 daily limit reached, 5 other server answers.")
    lang_help = "language of the messages: en or zh-TW (default: from the locale, LANG)"
    parser.add_argument("--lang", help=lang_help)
    # --lang is also taken after the command, where people type it; SUPPRESS keeps one given before it
    lang_too = argparse.ArgumentParser(add_help=False)
    lang_too.add_argument("--lang", default=argparse.SUPPRESS, help=lang_help)
    sub = parser.add_subparsers(dest="command")
    c = sub.add_parser("check", parents=[lang_too], help="check a submission offline, with the server's rules")
    c.add_argument("file")
    c.add_argument("--sample", required=True, help="the competition's sample_submission.csv (its Ids)")
    s = sub.add_parser("submit", parents=[lang_too], help="upload a submission and print its public score")
    s.add_argument("file")
    s.add_argument("--server", required=True, help="the site's address, e.g. https://holdout.example.edu")
    s.add_argument("--token", help="your personal token (Account page); default: $HOLDOUT_TOKEN")
    s.add_argument("--competition", help="the competition's slug (the /c/SLUG/ in its addresses)")
    s.add_argument("--timeout", type=float, default=300, help="seconds to wait for the server (default 300)")
    args = parser.parse_args(argv)
    global LANG
    LANG = _lang(args.lang)
    if args.command == "check":
        return cmd_check(args)
    if args.command == "submit":
        return cmd_submit(args)
    parser.print_help(sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
