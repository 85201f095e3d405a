"""OCR of the incoming register: the pure parser on OCR text, the real OCR (tesseract) on generated
scans of varied letters, and what the form says it filled."""

import base64
import datetime
import shutil

from odoo.tests import BaseCase, tagged

from ..utils import images_to_pdf, ocr_images, ocr_pdf, propose_from_text
from .common import EofficeLettersCase
from .scan_factory import SAMPLES, available_fonts, render_scan


@tagged("post_install", "-at_install")
class TestProposeFromText(BaseCase):
    """The parser alone, on text as tesseract gives it."""

    def test_classic_head_with_the_traps(self):
        text = """PEMERINTAH KABUPATEN PASER
DINAS KESEHATAN
Jalan Jenderal Sudirman Nomor 27 Tanah Grogot
Paser, 12 Maret 2026
Nomor : 440/1234/Dinkes/2026
Sifat : Biasa
Lampiran : 1 (satu) berkas
Hal : Permohonan Data
Rapat pada hari Senin, 20 April 2026 pukul 09.00."""
        self.assertEqual(propose_from_text(text), {
            "sender": "Dinas Kesehatan Kabupaten Paser", "number": "440/1234/Dinkes/2026",
            "date": datetime.date(2026, 3, 12), "subject": "Permohonan Data"})

    def test_sifat_is_never_the_number(self):
        # labels and values read as two columns: "Nomor" alone on its line, then "Sifat : Biasa"
        text = "BADAN PUSAT STATISTIK\nNomor\nSifat : Biasa\nLampiran : -\nHal : Undangan\n: 12/BPS/2026"
        proposal = propose_from_text(text)
        self.assertEqual(proposal.get("number"), "12/BPS/2026")
        text = "BADAN PUSAT STATISTIK\nNomor :\nSifat : Biasa\nLampiran : 1 berkas\nHal : Undangan"
        self.assertNotIn("number", propose_from_text(text))
        self.assertNotIn("Biasa", str(propose_from_text("Nomor : Sifat : Biasa")))

    def test_number_and_date_on_one_line_and_ocr_slips(self):
        proposal = propose_from_text("PEMERINTAH KOTA BALIKPAPAN\nBADAN PERENCANAAN PEMBANGUNAN DAERAH\n"
                                     "Jl. Sudirman No. 1 Telp. (0542) 421234\n"
                                     "Nomor: 050/77/Bappeda-11/2026 Balikpapan, 3 Pebruari 2026")
        self.assertEqual(proposal["number"], "050/77/Bappeda-II/2026")
        self.assertEqual(proposal["date"], datetime.date(2026, 2, 3))
        self.assertEqual(proposal["sender"], "Badan Perencanaan Pembangunan Daerah Kota Balikpapan")
        self.assertEqual(propose_from_text("No. : 005/ 87 /Kec.TG/VI/2026")["number"], "005/87/Kec.TG/VI/2026")
        self.assertEqual(propose_from_text("NOMOR © : 800.1:11.1/15/BKD/2026")["number"], "800.1.11.1/15/BKD/2026")
        # a month number between slashes stays a number
        self.assertEqual(propose_from_text("Nomor : 005/11/Umum/2026")["number"], "005/11/Umum/2026")

    def test_dates(self):
        cases = {
            "Samarinda, 12-03-2026": datetime.date(2026, 3, 12),
            "Tanggal : 15/06/2026": datetime.date(2026, 6, 15),
            "Tanah Grogot, 05 Agustus 2026": datetime.date(2026, 8, 5),
            "Penajam, 30 Nopember 2026": datetime.date(2026, 11, 30),
            # the meeting's day in the body is not the letter's date; the signature's place and date is
            "Acara pada hari Kamis, 10 Desember 2026.\nPenajam, 1 Desember 2026": datetime.date(2026, 12, 1),
            "Hari/tanggal : Senin, 20 April 2026\nTanggal : 2 April 2026": datetime.date(2026, 4, 2),
        }
        for text, date in cases.items():
            with self.subTest(text=text):
                self.assertEqual(propose_from_text(text).get("date"), date)
        self.assertNotIn("date", propose_from_text("Paser, 31 Februari 2026"))

    def test_letterheads(self):
        cases = {
            "@ PEMERINTAH PROVINSI KALIMANTAN TIMUR\nDINAS PENDIDIKAN DAN KEBUDAYAAN\nJalan Basuki Rahmat 6":
                "Dinas Pendidikan dan Kebudayaan Provinsi Kalimantan Timur",
            "KEMENTERIAN DALAM NEGERI\nREPUBLIK INDONESIA\nJalan Medan Merdeka Utara Nomor 7":
                "Kementerian Dalam Negeri Republik Indonesia",
            "PT BANK PEMBANGUNAN DAERAH\nKALIMANTAN TIMUR DAN KALIMANTAN UTARA\nJalan Sudirman 33":
                "PT Bank Pembangunan Daerah Kalimantan Timur dan Kalimantan Utara",
            "PEMERINTAH KABUPATEN PASER\nINSPEKTORAT DAERAH KABUPATEN PASER\nJalan Noto Sunardi":
                "Inspektorat Daerah Kabupaten Paser",
        }
        for text, sender in cases.items():
            with self.subTest(text=text):
                self.assertEqual(propose_from_text(text).get("sender"), sender)
        self.assertNotIn("sender", propose_from_text("Nomor : 1/2026\nHal : Undangan"))


@tagged("post_install", "-at_install")
class TestOcrOnGeneratedScans(BaseCase):
    """The real OCR on twelve generated scans: letterheads of a kabupaten, a kota, a province, a
    ministry, a vertical agency, a university and a bank; ten fonts of this machine; the date at the
    top right, on the number's line, under the body or as a field; numbers with dots, dashes, roman
    figures and spaces; old and abbreviated month names; dust, a skew of up to 0.9 degree, blur and
    JPEG. Every one must give the sender, the sender's number and the date exactly (no tolerance)."""

    def test_sender_number_and_date_of_each_scan(self):
        if not shutil.which("tesseract"):
            self.fail("tesseract (with the ind and eng languages) is required by the incoming register's OCR")
        fonts = available_fonts()
        self.assertGreaterEqual(len(fonts), 3, "the OCR test needs a few of the usual fonts (DejaVu, Liberation, URW)")
        self.assertGreaterEqual(len(SAMPLES), 10)
        failures = []
        for index, sample in enumerate(SAMPLES):
            scan = render_scan(sample, index, fonts)
            # every fourth scan goes through the PDF path (one PDF uploaded instead of page images)
            text = ocr_pdf(images_to_pdf([scan])) if index % 4 == 0 else ocr_images([scan])
            proposal = propose_from_text(text)
            got = (proposal.get("sender", "").casefold(), proposal.get("number"), proposal.get("date"))
            expected = (sample.sender.casefold(), sample.number, sample.date)
            if got != expected:
                failures.append(f"scan {index} ({fonts[index % len(fonts)][0]}): {got} != {expected}\n{text}")
        self.assertFalse(failures, "\n\n".join(failures))


@tagged("post_install", "-at_install")
class TestReadScanMessage(EofficeLettersCase):
    """What the form says after reading the scan, and what it never overwrites."""

    def make_incoming(self, **values):
        vals = {"direction": "incoming", "recipient_position_id": self.head_a.id}
        vals.update(values)
        return self.as_user(self.users_a["agendaris"], self.env["eoffice.letter"]).create(vals)

    def attach(self, letter, data, name="halaman-1.png", mimetype="image/png"):
        attachment = self.as_user(letter.env.user, self.env["ir.attachment"]).create({
            "name": name, "datas": base64.b64encode(data), "mimetype": mimetype,
            "res_model": letter._name, "res_id": letter.id})
        letter.scan_page_ids = [(4, attachment.id)]

    def test_message_names_the_fields_ocr_filled(self):
        sample = SAMPLES[0]
        letter = self.make_incoming(name="Undangan yang sudah diketik")
        self.attach(letter, render_scan(sample, 0))
        action = letter.with_context(lang="id_ID").action_read_scan()
        self.assertEqual(letter.sender_name.casefold(), sample.sender.casefold())
        self.assertEqual(letter.sender_number, sample.number)
        self.assertEqual(letter.sender_date, sample.date)
        self.assertEqual(letter.name, "Undangan yang sudah diketik")  # typed by TU: kept
        message = action["params"]["message"]
        self.assertIn("OCR mengisi: Pengirim, Nomor Surat Pengirim, Tanggal Surat Pengirim", message)
        self.assertNotIn("Hal", message)
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("OCR mengisi", letter.message_ids[0].body)
        self.assertTrue(base64.b64decode(letter.scan_pdf).startswith(b"%PDF"))

    def test_one_pdf_is_read_too_and_nothing_typed_is_overwritten(self):
        sample = SAMPLES[2]
        letter = self.make_incoming(sender_number="TU-MENGETIK/1", name="Hal diketik")
        self.attach(letter, images_to_pdf([render_scan(sample, 2)]), "pindaian.pdf", "application/pdf")
        action = letter.with_context(lang="id_ID").action_read_scan()
        self.assertEqual(letter.sender_number, "TU-MENGETIK/1")
        self.assertEqual(letter.sender_date, sample.date)
        self.assertEqual(letter.sender_name.casefold(), sample.sender.casefold())
        self.assertIn("OCR mengisi: Pengirim, Tanggal Surat Pengirim", action["params"]["message"])
        self.assertEqual(letter.scan_filename, "pindaian.pdf")

    def test_images_and_a_pdf_together_are_refused(self):
        from odoo.exceptions import UserError

        letter = self.make_incoming()
        self.attach(letter, render_scan(SAMPLES[1], 1), "halaman.jpg", "image/jpeg")
        self.attach(letter, images_to_pdf([render_scan(SAMPLES[1], 1)]), "pindaian.pdf", "application/pdf")
        with self.assertRaises(UserError):
            letter.action_read_scan()
        self.assertFalse(letter.scan_pdf or letter.ocr_text or letter.sender_number)

    def test_register_reads_the_scan_it_was_given(self):
        sample = SAMPLES[3]
        letter = self.make_incoming()
        self.attach(letter, render_scan(sample, 3))
        letter.action_register()
        self.assertEqual(letter.state, "received")
        self.assertTrue(letter.agenda_number)
        self.assertEqual(letter.sender_number, sample.number)
        self.assertEqual(letter.sender_date, sample.date)
        self.assertEqual(letter.name, sample.subject)
