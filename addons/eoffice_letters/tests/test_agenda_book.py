import base64
import datetime
import io

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EofficeLettersCase, pdf_text


@tagged("post_install", "-at_install")
class TestAgendaBook(EofficeLettersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tu = cls.users_a["agendaris"]
        Letter = cls.env["eoffice.letter"]
        cls.today = datetime.date.today()
        for index, sifat in enumerate(["biasa", "rahasia"]):
            letter = Letter.with_user(cls.tu).with_company(cls.skpd_a).create({
                "direction": "incoming", "name": f"Permohonan Data Agenda {index}", "sifat": sifat,
                "sender_name": "BPS Kabupaten Uji", "sender_number": f"B-{index}/BPS/2026",
                "sender_date": cls.today, "received_date": cls.today, "recipient_position_id": cls.head_a.id})
            letter.with_user(cls.tu).with_company(cls.skpd_a).action_register()

    def _download(self, file_format):
        book = self.as_user(self.tu, self.env["eoffice.agenda.book"]).create({
            "date_from": self.today - datetime.timedelta(days=1), "date_to": self.today, "file_format": file_format})
        action = book.action_print()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        return base64.b64decode(attachment.datas)

    def test_pdf(self):
        text = " ".join(pdf_text(self._download("pdf")).split())
        self.assertIn("B-0/BPS/2026", text)
        self.assertIn("Permohonan Data Agenda 0", text)
        # a confidential letter is listed, without its subject
        self.assertIn("B-1/BPS/2026", text)
        self.assertNotIn("Permohonan Data Agenda 1", text)

    def test_xlsx(self):
        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(self._download("xlsx"))).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
        self.assertEqual([row[3] for row in rows], ["B-0/BPS/2026", "B-1/BPS/2026"])
        self.assertRegex(rows[0][0], r"^\d{4}/\d{4}$")

    def test_period_and_access(self):
        with self.assertRaises(UserError):
            self.as_user(self.tu, self.env["eoffice.agenda.book"]).create({
                "date_from": self.today, "date_to": self.today - datetime.timedelta(days=3)})
        with self.assertRaises(AccessError):
            self.as_user(self.users_a["staff"], self.env["eoffice.agenda.book"]).create({})
