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
DATE_RE = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_PATTERN})\s+(\d{{4}})\b", re.IGNORECASE)
NUMBER_RE = re.compile(r"^\s*Nomor\s*[:;]?\s*(\S.*?)\s*$", re.IGNORECASE | re.MULTILINE)
SUBJECT_RE = re.compile(r"^\s*(?:Hal|Perihal)\s*[:;]?\s*(\S.*?)\s*$", re.IGNORECASE | re.MULTILINE)


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
        texts = []
        for page in sorted(Path(tmp).glob("page*.png")):
            res = subprocess.run(["tesseract", str(page), "stdout", "-l", languages],
                                 capture_output=True, text=True, timeout=300)
            if res.returncode:
                _logger.info("OCR of %s failed: %s", page.name, res.stderr.strip()[-300:])
                continue
            texts.append(res.stdout)
        return "\n".join(texts).strip()


def propose_from_text(text):
    """Guess the sender's number, the letter date and the subject from OCR text."""
    proposal = {}
    if not text:
        return proposal
    match = NUMBER_RE.search(text)
    if match:
        proposal["number"] = match.group(1).strip(" .:")
    match = SUBJECT_RE.search(text)
    if match:
        proposal["subject"] = match.group(1).strip(" .:")
    match = DATE_RE.search(text)
    if match:
        import datetime

        month = [m.lower() for m in MONTHS_ID].index(match.group(2).lower()) + 1
        try:
            proposal["date"] = datetime.date(int(match.group(3)), month, int(match.group(1)))
        except ValueError:
            pass
    return proposal
