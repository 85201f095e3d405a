"""The document service: a QWeb page made into a PDF, a QR code to put on it, the file attached to
a record and handed to the browser.

Letters, the lembar disposisi, the RKA/DPA, the berita acara pemusnahan and the agenda book all go
through it. The low-level work (wkhtmltopdf, page numbers, the QR picture) is in ``..pdf``.
"""
import base64

from odoo import api, models

from .. import pdf as lowlevel


class EofficeDocument(models.AbstractModel):
    """Render, stamp, attach, download: no data of its own.

    Call it from the caller's environment (``self.env["eoffice.document"]``): the page is rendered
    with that environment's rights, the page label ("Page x of n") is in its language, and the
    attachment is created with its rights (``.sudo()`` it where the code it replaced did).
    """

    _name = "eoffice.document"
    _description = "Document Service"

    @api.model
    def _render_html(self, template, values, lang=None):
        """The QWeb page ``template`` rendered with ``values``, in ``lang`` when given."""
        qweb = self.env["ir.qweb"].with_context(lang=lang) if lang else self.env["ir.qweb"]
        return qweb._render(template, values)

    @api.model
    def _html_to_pdf(self, html, paper="a4", landscape=False, margins=None, page_label=True):
        """PDF bytes of a self-contained HTML page; margins are top, right, bottom, left; with
        ``page_label``, "Page x of n" at the foot of every page in the environment's language."""
        options = {"margins": margins} if margins else {}
        pdf = lowlevel.run_wkhtmltopdf(html, paper or "a4", landscape=landscape, **options)
        if page_label:
            pdf = lowlevel.stamp_page_numbers(pdf, self.env._("Page %(page)s of %(pages)s"))
        return pdf

    @api.model
    def _render_pdf(self, template, values, lang=None, paper="a4", landscape=False, margins=None,
                    page_label=True):
        """PDF bytes of the QWeb page ``template`` (raises UserError when wkhtmltopdf fails)."""
        html = self._render_html(template, values, lang=lang)
        return self._html_to_pdf(html, paper=paper, landscape=landscape, margins=margins,
                                 page_label=page_label)

    @api.model
    def _qr_data_uri(self, url):
        """A data: URI of the PNG QR code of ``url`` for an <img> of the page; False without url."""
        if not url:
            return False
        return "data:image/png;base64," + base64.b64encode(lowlevel.qr_png(url)).decode()

    @api.model
    def _attach(self, record, data, filename, mimetype="application/pdf"):
        """An attachment of ``record`` holding ``data``, created with this environment's rights."""
        return self.env["ir.attachment"].create({
            "name": filename, "datas": base64.b64encode(data), "mimetype": mimetype,
            "res_model": record._name, "res_id": record.id})

    @api.model
    def _download_action(self, attachment):
        """The client action that downloads ``attachment``."""
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true",
                "target": "self"}
