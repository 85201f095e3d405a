import base64
import io
import re

from markupsafe import Markup

from odoo import _, models
from odoo.addons.eoffice_skpd.pdf import run_wkhtmltopdf, stamp_page_numbers

from ..utils import format_date_id

__all__ = ["FONTS", "qr_png", "run_wkhtmltopdf", "stamp_page_numbers"]

IMG_SRC_RE = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)"', re.IGNORECASE)
IMAGE_URL_RE = re.compile(r"^/web/image/(\d+)(?:[-/?]|$)")
IMAGE_MIMETYPE_RE = re.compile(r"^image/[a-z0-9.+-]+$")

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

    def _inline_images(self, html):
        """The body with its pictures made part of the page: an image uploaded into this letter
        (/web/image/<id>...) becomes a data: URI; any other source (another record's file, an
        external URL, a local path) is dropped, as the PDF renderer may not fetch anything."""
        if not html or "<img" not in html:
            return html

        def inline(match):
            source = match.group(2)
            if source.startswith("data:image/"):
                return match.group(0)
            found = IMAGE_URL_RE.match(source)
            attachment = self.env["ir.attachment"].sudo().browse(int(found.group(1))).exists() if found else None
            if attachment and (attachment.public or (attachment.res_model == self._name
                                                     and attachment.res_id == self.id)) \
                    and IMAGE_MIMETYPE_RE.match(attachment.mimetype or "") and attachment.datas:
                return f'{match.group(1)}data:{attachment.mimetype};base64,{attachment.datas.decode()}"'
            return f'{match.group(1)}"'

        return Markup(IMG_SRC_RE.sub(inline, str(html)))

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
            "body": letter._inline_images(letter.signed_body if not preview else letter._render_body()),
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
