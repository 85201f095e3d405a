import base64
import re

from markupsafe import Markup

from odoo import _, models
from odoo.addons.eoffice_skpd.pdf import qr_png  # the QR moved to eoffice_skpd; kept importable here

from ..utils import format_date_id

__all__ = ["FONTS", "qr_png"]

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

    The PDF is made by the eoffice.document service (wkhtmltopdf) from a self-contained QWeb
    page (inline CSS, images as data URIs), so rendering needs no HTTP round trip to the server
    and no header or footer files (Debian's wkhtmltopdf runs on an unpatched Qt, which ignores
    them). Page numbers are stamped afterwards with reportlab.
    """

    _inherit = "eoffice.letter"

    def _report_lang(self):
        lang = self.env["res.lang"]._get_data(code="id_ID")
        return "id_ID" if lang else self.env.lang

    def _qr_data_uri(self):
        return self.env["eoffice.document"]._qr_data_uri(self.verification_url)

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

    def _render_values(self, preview=False):
        self.ensure_one()
        letter = self.sudo().with_context(lang=self._report_lang())
        company = letter.company_id
        layout = {"korespondensi_eksternal": "surat", "korespondensi_internal": "nota"}.get(
            letter.type_id.category, "titled")
        return {
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

    def _render_html(self, preview=False):
        return self.env["eoffice.document"]._render_html(
            "eoffice_letters.letter_document", self._render_values(preview=preview), lang=self._report_lang())

    def _render_pdf(self, preview=False):
        """The letter as PDF bytes (raises UserError when wkhtmltopdf fails)."""
        self.ensure_one()
        return self.env["eoffice.document"]._render_pdf(
            "eoffice_letters.letter_document", self._render_values(preview=preview), lang=self._report_lang(),
            paper=self.type_id.paper or "a4")

    def action_preview_pdf(self):
        """Download the draft as a PDF marked as a draft (no number, no QR)."""
        self.ensure_one()
        if self.pdf_file:
            pdf, name = base64.b64decode(self.pdf_file), self.pdf_filename
        else:
            pdf, name = self._render_pdf(preview=True), _("draft") + ".pdf"
        document = self.env["eoffice.document"]
        return document._download_action(document._attach(self, pdf, name))

