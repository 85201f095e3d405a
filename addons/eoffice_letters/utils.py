"""Helpers without database access: Indonesian dates, letter numbers, scans and OCR."""

import io
import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from odoo.tools.translate import LazyTranslate

_logger = logging.getLogger(__name__)

# Month names of letter dates are prescribed by the tata naskah dinas: a letter is always
# dated the Indonesian way ("23 November 2026"), whatever the reader's interface language.
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
NUMBER_TOKENS = ("classification", "seq", "unit", "skpd", "type", "month", "month_roman", "year")
DEFAULT_NUMBER_PATTERN = "{classification}/{seq}/{unit}/{year}"
A4_WIDTH_INCHES = 210 / 25.4

_lt = LazyTranslate(__name__)

# The one placeholder syntax of bodies and templates: {{name}}, spaces inside the braces allowed.
PLACEHOLDER_RE = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
# what is left of a placeholder the system does not know (read in the text, tags removed)
LEFTOVER_RE = re.compile(r"\{\{(.{0,60}?)\}\}", re.DOTALL)
# name -> what it is filled with (listed on the letter-type form and in docs/letter-templates.md)
PLACEHOLDERS = {
    "nomor": _lt("the letter number (given at signing)"),
    "tanggal": _lt("the date of the letter, e.g. 23 November 2026 (given at signing)"),
    "hal": _lt("the subject (hal)"),
    "penerima": _lt("the addressees (Yth.)"),
    "tembusan": _lt("the copies (tembusan)"),
    "sifat": _lt("the security (sifat)"),
    "lampiran": _lt("the number of enclosures"),
    "klasifikasi": _lt("the archive classification"),
    "jabatan_penandatangan": _lt("the signer's position (with Plt./Plh.)"),
    "nama_penandatangan": _lt("the signer's name"),
    "nip_penandatangan": _lt("the signer's NIP"),
    "skpd": _lt("the SKPD"),
    "pemda": _lt("the Pemda, e.g. Pemerintah Kabupaten Contoh"),
    "daerah": _lt("the region, e.g. Kabupaten Contoh"),
    "tempat": _lt("the place of the letter (the SKPD's city)"),
}


class SigningServiceDown(Exception):
    """The signing service cannot be reached or answers with a server error: queue and retry."""


def format_date_id(date):
    """23 November 2026"""
    if not date:
        return ""
    return f"{date.day} {MONTHS_ID[date.month - 1]} {date.year}"


def render_number(pattern, values):
    """Fill a number pattern such as ``{classification}/{seq:04d}/{unit}/{year}``.

    Raises KeyError for an unknown token and ValueError for a malformed pattern.
    """
    return (pattern or DEFAULT_NUMBER_PATTERN).format_map(values)


def sample_number(pattern):
    return render_number(pattern, {
        "classification": "000.1.2.3", "seq": 15, "unit": "DISKOMINFO", "skpd": "DISKOMINFO", "type": "SD",
        "month": 11, "month_roman": "XI", "year": 2026,
    })


# --------------------------------------------------------------------------- scans and OCR
MONTH_PATTERN = "|".join(MONTHS_ID)
# month names as letters print them, with the old spellings and the usual abbreviations
MONTH_ALIASES = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3, "mar": 3, "april": 4,
    "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agus": 8, "agu": 8, "agt": 8,
    "ags": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nopember": 11,
    "nov": 11, "nop": 11, "desember": 12, "des": 12,
}
DAY_NAMES = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}
_MONTH_WORD = "|".join(sorted(MONTH_ALIASES, key=len, reverse=True))
# "12 Maret 2026", "12 Mar. 2026", "12-03-2026", "12/03/2026", "12.03.2026"
_DATE = (rf"(?:(?P<d>\d{{1,2}})\s*(?P<m>{_MONTH_WORD})\.?\s*(?P<y>\d{{4}})"
         rf"|(?P<nd>\d{{1,2}})\s?[-/.]\s?(?P<nm>\d{{1,2}})\s?[-/.]\s?(?P<ny>\d{{4}}))")
DATE_RE = re.compile(rf"\b{_DATE}\b", re.IGNORECASE)
# "Paser, 12 Maret 2026": a place (one to four capitalised words) then the date
PLACE_DATE_RE = re.compile(rf"(?P<place>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){{0,3}})\s*,\s*{_DATE}\b")
DATE_FIELD_RE = re.compile(rf"^\s*(?:Tanggal|Tgl\.?)\W*[:;]\s*{_DATE}", re.IGNORECASE)
# the labels of the letter's head; OCR may read a speck beside the colon ("NOMOR © :")
NUMBER_LABEL_RE = re.compile(r"^\s*(?:Nomor|Nomer|No)\b\W{0,4}?[:;-]\s*(?P<value>.*)$", re.IGNORECASE)
NUMBER_ALONE_RE = re.compile(r"^\s*(?:Nomor|Nomer|No\.?)\s*[:;]?\s*$", re.IGNORECASE)
SUBJECT_RE = re.compile(r"^\s*(?:Hal|Perihal)\b\W{0,4}?[:;]\s*(?P<value>\S.*?)\s*$", re.IGNORECASE)
OTHER_LABEL_RE = re.compile(r"^\s*(?:Sifat|Lampiran|Hal|Perihal|Tanggal|Kepada|Yth)\b", re.IGNORECASE)
# where the letterhead ends: its address line, or the head of the letter
ADDRESS_RE = re.compile(r"^\s*(?:Jalan|Jl\b|Alamat|Telp|Telepon|Tel\b|Fax|Faks|Laman|Website|Email|E-mail|Surel|"
                        r"Kode Pos)|\b(?:Telp|Telepon|Faks|Kode Pos)\b|@|www\.|\.go\.id", re.IGNORECASE)
SMALL_WORDS = {"dan", "di", "ke", "dari", "untuk", "pada", "atau", "yang", "serta"}
ACRONYMS = {"PT", "CV", "RI", "RSUD", "UPTD", "UPT", "DPRD", "BUMD", "SMA", "SMP", "SMK", "SD", "TK", "KPU",
            "BPS", "BPJS", "TNI", "POLRI", "NKRI", "UKPBJ", "PDAM", "BLUD", "KCD"}


def _date_of(match):
    import datetime

    try:
        if match.group("d"):
            return datetime.date(int(match.group("y")), MONTH_ALIASES[match.group("m").lower()], int(match.group("d")))
        return datetime.date(int(match.group("ny")), int(match.group("nm")), int(match.group("nd")))
    except (ValueError, KeyError):
        return None


def _title(words):
    """A letterhead in capitals as a sender's name: "Dinas Pendidikan dan Kebudayaan"."""
    out = []
    for i, word in enumerate(words.split()):
        bare = re.sub(r"\W", "", word)
        if bare.upper() in ACRONYMS or (bare.isalpha() and bare.isupper() and not re.search(r"[AIUEO]", bare)):
            out.append(word.upper())
        elif i and word.lower() in SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:].lower())
        # a word with digits (a branch number) stays as printed
        if any(c.isdigit() for c in word):
            out[-1] = word
    return " ".join(out)


def find_sender(lines):
    """The sender from the kop surat: the capitalised lines at the top, before its address.

    "PEMERINTAH KABUPATEN PASER / DINAS KESEHATAN" gives "Dinas Kesehatan Kabupaten Paser": the
    agency, then the region it belongs to (as the register writes "surat dari")."""
    head = []
    for line in lines[:12]:
        letters = [c for c in line if c.isalpha()]
        if len(letters) < 4:
            continue  # the logo, a rule, specks
        if ADDRESS_RE.search(line) or NUMBER_LABEL_RE.match(line) or OTHER_LABEL_RE.match(line) \
                or PLACE_DATE_RE.search(line):
            break
        if sum(c.isupper() for c in letters) / len(letters) < 0.8:
            if head:
                break
            continue
        head.append(re.sub(r"[^\w\s.,&'()-]", "", line).strip(" .,-"))
    if not head:
        return ""
    first = head[0]
    match = re.match(r"PEMERINTAH\s+(.+)$", first, re.IGNORECASE)
    if match and len(head) > 1:
        region, agency = match.group(1), " ".join(head[1:])
        if region.lower() not in agency.lower():
            agency = f"{agency} {region}"
        return _title(agency)
    return _title(" ".join(head))


def _roman_unit_codes(number):
    """Roman numerals of unit codes as OCR misreads them: "Bappeda-11" for "Bappeda-II",
    "Disdikbud.II1" for "Disdikbud.III". Only a run of I/1/l after a word and a dash or dot is
    changed (a bidang written in roman figures); numbers between slashes stay digits."""
    def fix(match):
        run = match.group(2)
        if len(run) > 4 or (run.isdigit() and len(run) < 2):
            return match.group(0)
        return match.group(1) + "I" * len(run)
    return "/".join(re.sub(r"^([A-Za-z][A-Za-z]+[-.])([I1l|]+)$", fix, part) for part in number.split("/"))


def find_number(lines):
    """The sender's number from its "Nomor :" line, never another label's value ("Sifat : Biasa")."""
    for i, line in enumerate(lines):
        match = NUMBER_LABEL_RE.match(line)
        if not match and not NUMBER_ALONE_RE.match(line):
            continue
        value = match.group("value") if match else ""
        if not value.strip():
            # labels and values read as two columns: the first ": value" line after it
            value = next((re.sub(r"^\s*[:;]\s*", "", nxt) for nxt in lines[i + 1:i + 6]
                          if re.match(r"^\s*[:;]\s*\S", nxt)), "")
        # the place and date printed on the same line ("... Balikpapan, 3 Februari 2026")
        date = PLACE_DATE_RE.search(value)
        if date:
            value = value[:date.start()]
        value = re.sub(r"\s*/\s*", "/", value.strip())  # "005/ 87 /Kec" as typed with spaces
        value = re.sub(r"(?<=\d):(?=\d)", ".", value)  # a dot read as a colon between digits
        value = value.strip(" -–—.:;,|")
        token = value.split()[0] if value.split() else ""
        token = _roman_unit_codes(token.strip(" .:;,|"))
        if token and any(c.isdigit() for c in token) and not OTHER_LABEL_RE.match(token):
            return token
    return ""


def find_date(lines):
    """The letter's date: "Place, 12 Maret 2026" (not "hari Senin, 20 April 2026" of a meeting in the
    body), else a "Tanggal :" field, else the first date in the text not introduced by a weekday."""
    text = "\n".join(lines)
    for match in PLACE_DATE_RE.finditer(text):
        if match.group("place").split()[-1].lower() in DAY_NAMES:
            continue
        date = _date_of(match)
        if date:
            return date
    for line in lines:
        match = DATE_FIELD_RE.match(line)
        if match and _date_of(match):
            return _date_of(match)
    for match in DATE_RE.finditer(text):
        before = text[max(0, match.start() - 12):match.start()].lower()
        if any(day in before for day in DAY_NAMES):
            continue
        date = _date_of(match)
        if date:
            return date
    return None


def propose_from_text(text):
    """What OCR text of a letter says about it: ``sender``, ``number``, ``date`` and ``subject`` (each
    only when found). A pure function, tested on OCR output of generated scans."""
    proposal = {}
    if not text:
        return proposal
    # a speck or the logo read as a character before a line ("@ PEMERINTAH ...") is dropped
    lines = [re.sub(r"^(?:[^\w\s]{1,2}|\d)\s+(?=[A-Za-z]{3})", "", line.strip()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    sender = find_sender(lines)
    if sender:
        proposal["sender"] = sender
    number = find_number(lines)
    if number:
        proposal["number"] = number
    date = find_date(lines)
    if date:
        proposal["date"] = date
    for line in lines:
        match = SUBJECT_RE.match(line)
        if match:
            proposal["subject"] = match.group("value").strip(" .:|")
            break
    return proposal


def images_to_pdf(images):
    """Join page images (bytes of PNG/JPEG/TIFF…) into one PDF, one page per image."""
    from PIL import Image

    pages, resolution = [], None
    for data in images:
        img = Image.open(io.BytesIO(data))
        if img.mode in ("P", "LA", "RGBA"):
            img = img.convert("RGBA")
        page = img.convert("RGB")
        if resolution is None:
            # the scanner's resolution when it says so, else the page is taken to be A4 wide
            dpi = img.info.get("dpi", (0, 0))[0]
            resolution = float(dpi) if 72 <= dpi <= 1200 else page.width / A4_WIDTH_INCHES
        pages.append(page)
    if not pages:
        return b""
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=resolution)
    return out.getvalue()


def _tesseract(paths, languages):
    """Read page images with tesseract as one uniform block each (``--psm 6``): the kop surat, the
    date on the right and the "Nomor :" lines come out top to bottom, in the order they are printed
    (the default automatic layout moved a letterhead beside a logo below its address)."""
    texts = []
    for page in paths:
        res = subprocess.run(["tesseract", str(page), "stdout", "-l", languages, "--psm", "6"],
                             capture_output=True, text=True, timeout=300)
        if res.returncode:
            _logger.info("OCR of %s failed: %s", Path(page).name, res.stderr.strip()[-300:])
            continue
        texts.append(res.stdout)
    return "\n".join(texts).strip()


def ocr_images(images, languages="ind+eng"):
    """Text of scanned page images (bytes of PNG/JPEG/TIFF...), read at the scanner's resolution.

    Returns "" (and logs why) when tesseract is missing, so registering a letter never fails
    because of OCR."""
    if not images:
        return ""
    if not shutil.which("tesseract"):
        _logger.info("OCR skipped: tesseract is not installed")
        return ""
    with tempfile.TemporaryDirectory(prefix="eoffice-ocr-") as tmp:
        paths = []
        for i, data in enumerate(images):
            path = Path(tmp) / f"page-{i:04d}"
            path.write_bytes(data)
            paths.append(path)
        return _tesseract(paths, languages)


def ocr_pdf(pdf_bytes, languages="ind+eng"):
    """Text of a scanned PDF: poppler renders each page, tesseract reads it.

    Returns "" (and logs why) when the tools are missing, so registering a letter never
    fails because of OCR.
    """
    if not pdf_bytes:
        return ""
    if not shutil.which("pdftoppm") or not shutil.which("tesseract"):
        _logger.info("OCR skipped: pdftoppm or tesseract is not installed")
        return ""
    with tempfile.TemporaryDirectory(prefix="eoffice-ocr-") as tmp:
        src = Path(tmp) / "scan.pdf"
        src.write_bytes(pdf_bytes)
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(src), str(Path(tmp) / "page")],
                       check=True, capture_output=True, timeout=300)
        return _tesseract(sorted(Path(tmp).glob("page*.png")), languages)
