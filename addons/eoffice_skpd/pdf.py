"""PDF helpers shared by the e-Office modules (low level; the ORM side is the eoffice.document service).

Debian's wkhtmltopdf runs on an unpatched Qt, which ignores header and footer files; so pages
are self-contained HTML and page numbers are stamped afterwards with reportlab.
"""
import io
import logging
import subprocess
import tempfile
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo import _
from odoo.exceptions import UserError
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

_logger = logging.getLogger(__name__)

PAPER_ARGS = {
    "a4": ["--page-size", "A4"],
    "f4": ["--page-width", "215mm", "--page-height", "330mm"],
}


def run_wkhtmltopdf(html, paper="a4", landscape=False, margins=("12mm", "20mm", "22mm", "25mm")):
    """PDF bytes of a self-contained HTML page; margins are top, right, bottom, left."""
    from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

    with tempfile.TemporaryDirectory(prefix="eoffice-pdf-") as tmp:
        src, out = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        src.write_text(str(html), encoding="utf-8")
        # Every resource of our pages is inline (data: URIs). Whatever a user pasted into a body
        # must neither reach the network or the server's files (SSRF, local file disclosure) nor
        # make the PDF fail: no local files, a dead proxy for every URL, load errors ignored.
        cmd = [_get_wkhtmltopdf_bin(), "--quiet", "--encoding", "utf-8", "--disable-javascript",
               "--disable-local-file-access", "--proxy", "http://127.0.0.1:1",
               "--load-error-handling", "ignore", "--load-media-error-handling", "ignore",
               "--disable-smart-shrinking", "--dpi", "96", *PAPER_ARGS.get(paper, PAPER_ARGS["a4"]),
               "--orientation", "Landscape" if landscape else "Portrait",
               "--margin-top", margins[0], "--margin-right", margins[1], "--margin-bottom", margins[2],
               "--margin-left", margins[3],
               str(src), str(out)]
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise UserError(_("The PDF could not be made (wkhtmltopdf: %(error)s).", error=err))
        # exit code 1 also reports the resources that failed to load and were ignored
        made = out.exists() and out.read_bytes().rstrip().endswith(b"%%EOF")
        if res.returncode not in (0, 1) or not made:
            _logger.info("wkhtmltopdf failed: %s", res.stderr[-1000:])
            raise UserError(_("The PDF could not be made (wkhtmltopdf: %(error)s).",
                              error=res.stderr.strip()[-300:] or res.returncode))
        return out.read_bytes()


def stamp_page_numbers(pdf, label):
    """Write "page x of n" at the foot of every page."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    count = reader.getNumPages()
    writer = PdfFileWriter()
    for index in range(count):
        page = reader.getPage(index)
        width = float(page.mediaBox.getWidth())
        packet = io.BytesIO()
        can = canvas.Canvas(packet, pagesize=(width, float(page.mediaBox.getHeight())))
        can.setFont("Helvetica", 8)
        can.drawRightString(width - 20 * mm, 10 * mm, label % {"page": index + 1, "pages": count})
        can.save()
        page.mergePage(PdfFileReader(io.BytesIO(packet.getvalue()), strict=False).getPage(0))
        writer.addPage(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def qr_png(text):
    """PNG of a QR code (library ``qrcode``, already an Odoo dependency), error correction M."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=2)
    code.add_data(text)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(out, format="PNG")
    return out.getvalue()
