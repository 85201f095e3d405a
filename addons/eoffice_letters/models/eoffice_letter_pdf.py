import base64
import io
import logging
import subprocess
import tempfile
from pathlib import Path

from markupsafe import Markup
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from ..utils import format_date_id

_logger = logging.getLogger(__name__)

PAPER_ARGS = {
    "a4": ["--page-size", "A4"],
    "f4": ["--page-width", "215mm", "--page-height", "330mm"],
}
FONTS = {
    # Arial and Bookman Old Style, with their metric-compatible free fonts where they are not installed
    "arial": "Arial, 'Liberation Sans', Helvetica, sans-serif",
    "bookman": "'Bookman Old Style', 'URW Bookman', 'URW Bookman L', 'TeX Gyre Bonum', serif",
}


class EofficeLetter(models.Model):
    """Rendering of the letter PDF (this file only adds methods to eoffice.letter).

    The PDF is made by wkhtmltopdf from a self-contained QWeb page (inline CSS, images
    as data URIs), so rendering needs no HTTP round trip to the server and no header or
    footer files (Debian's wkhtmltopdf runs on an unpatched Qt, which ignores them).
    Page numbers are stamped afterwards with reportlab.
    """

    _inherit = "eoffice.letter"

    def _report_lang(self):
        lang = self.env["res.lang"]._get_data(code="id_ID")
        return "id_ID" if lang else self.env.lang

    def _qr_data_uri(self):
        if not self.verification_url:
            return False
        return "data:image/png;base64," + base64.b64encode(qr_png(self.verification_url)).decode()

    def _letterhead_logo_uri(self):
        company = self.company_id.sudo()
        logo = company.letterhead_logo or company.pemda_id.letterhead_logo
        return f"data:image/png;base64,{logo.decode()}" if logo else False

    def _render_html(self, preview=False):
        self.ensure_one()
        letter = self.sudo().with_context(lang=self._report_lang())
        company = letter.company_id
        layout = {"korespondensi_eksternal": "surat", "korespondensi_internal": "nota"}.get(
            letter.type_id.category, "titled")
        values = {
            "o": letter,
            "company": company,
            "pemda": company.pemda_id,
            "layout": layout,
            "preview": preview,
            "font": Markup(FONTS.get(letter.type_id.font, FONTS["arial"])),
            "logo": letter._letterhead_logo_uri(),
            "qr": False if preview else letter._qr_data_uri(),
            "date_text": format_date_id(letter.letter_date) if letter.letter_date else "",
            "place": company.city or company.pemda_id.city or "",
            "body": letter.signed_body if not preview else letter._render_body(),
            "to_lines": letter.to_recipient_ids,
            "cc_lines": letter.cc_recipient_ids,
            "attachment_count": len(letter.attachment_ids),
        }
        return self.env["ir.qweb"].with_context(lang=self._report_lang())._render(
            "eoffice_letters.letter_document", values)

    def _render_pdf(self, preview=False):
        """The letter as PDF bytes (raises UserError when wkhtmltopdf fails)."""
        self.ensure_one()
        html = self._render_html(preview=preview)
        pdf = run_wkhtmltopdf(html, self.type_id.paper or "a4")
        return stamp_page_numbers(pdf, _("Page %(page)s of %(pages)s"))

    def action_preview_pdf(self):
        """Download the draft as a PDF marked as a draft (no number, no QR)."""
        self.ensure_one()
        if self.pdf_file:
            pdf_b64, name = self.pdf_file, self.pdf_filename
        else:
            pdf_b64 = base64.b64encode(self._render_pdf(preview=True))
            name = _("draft") + ".pdf"
        attachment = self.env["ir.attachment"].create({
            "name": name, "datas": pdf_b64, "mimetype": "application/pdf",
            "res_model": self._name, "res_id": self.id,
        })
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true",
                "target": "self"}


def qr_png(text):
    """PNG of a QR code (library ``qrcode``, already an Odoo dependency), error correction M."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=2)
    code.add_data(text)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(out, format="PNG")
    return out.getvalue()


def run_wkhtmltopdf(html, paper="a4", landscape=False):
    from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

    with tempfile.TemporaryDirectory(prefix="eoffice-letter-") as tmp:
        src, out = Path(tmp) / "letter.html", Path(tmp) / "letter.pdf"
        src.write_text(str(html), encoding="utf-8")
        cmd = [_get_wkhtmltopdf_bin(), "--quiet", "--encoding", "utf-8", "--disable-javascript",
               "--disable-smart-shrinking", "--dpi", "96", *PAPER_ARGS.get(paper, PAPER_ARGS["a4"]),
               "--orientation", "Landscape" if landscape else "Portrait",
               "--margin-top", "12mm", "--margin-bottom", "22mm", "--margin-left", "25mm", "--margin-right", "20mm",
               str(src), str(out)]
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise UserError(_("The letter's PDF could not be made (wkhtmltopdf: %(error)s).", error=err))
        if res.returncode or not out.exists():
            _logger.info("wkhtmltopdf failed: %s", res.stderr[-1000:])
            raise UserError(_("The letter's PDF could not be made (wkhtmltopdf: %(error)s).",
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
