"""The document service: a QWeb page to a real PDF with its page label and QR, attached and downloaded."""
import base64
import io

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

PAGE = """<t t-name="eoffice_skpd.test_document_page"><html><body>
    <h1 t-out="title"/><img t-if="qr" t-att-src="qr" style="width:40mm"/></body></html></t>"""


def pdf_pages_text(pdf_bytes):
    import pypdfium2

    document = pypdfium2.PdfDocument(io.BytesIO(pdf_bytes))
    return "\n".join(document[i].get_textpage().get_text_bounded() for i in range(len(document)))


@tagged("post_install", "-at_install")
class TestDocumentService(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.view = cls.env["ir.ui.view"].create({"name": "test document page", "type": "qweb", "arch": PAGE})
        cls.document = cls.env["eoffice.document"].with_context(lang="en_US")

    def test_renders_a_pdf_with_page_label_and_qr(self):
        url = "https://contoh.go.id/verify/abc123"
        qr = self.document._qr_data_uri(url)
        self.assertTrue(qr.startswith("data:image/png;base64,"))
        self.assertFalse(self.document._qr_data_uri(False))
        pdf = self.document._render_pdf(self.view.id, {"title": "Uji Dokumen", "qr": qr}, landscape=True)
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = " ".join(pdf_pages_text(pdf).split())
        self.assertIn("Uji Dokumen", text)
        self.assertIn("Page 1 of 1", text)
        try:
            import pypdfium2
            from pyzbar.pyzbar import decode
        except ImportError:
            return
        image = pypdfium2.PdfDocument(io.BytesIO(pdf))[0].render(scale=300 / 72).to_pil()
        self.assertEqual([symbol.data.decode() for symbol in decode(image)], [url])

    def test_page_label_in_the_service_language_or_none(self):
        values = {"title": "Tanpa", "qr": False}
        plain = self.document._render_pdf(self.view.id, values, page_label=False)
        self.assertNotIn("Page 1", pdf_pages_text(plain))
        if self.env["res.lang"]._get_data(code="id_ID"):
            labelled = self.env["eoffice.document"].with_context(lang="id_ID")._render_pdf(self.view.id, values)
            self.assertIn("Halaman 1 dari 1", " ".join(pdf_pages_text(labelled).split()))

    def test_attach_and_download(self):
        partner = self.env["res.partner"].create({"name": "Penerima Dokumen"})
        attachment = self.document._attach(partner, b"%PDF-1.4 test", "dokumen.pdf")
        self.assertEqual((attachment.res_model, attachment.res_id, attachment.name, attachment.raw),
                         ("res.partner", partner.id, "dokumen.pdf", b"%PDF-1.4 test"))
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertEqual(base64.b64decode(attachment.datas), b"%PDF-1.4 test")
        self.assertEqual(self.document._download_action(attachment), {
            "type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"})
