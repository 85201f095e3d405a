import base64
import datetime
import io
import random

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import EofficeLettersCase

# create + Register of an incoming letter in a test: a few more than the 27 of the benchmark (other users
# and data, and the commit hooks: the bus message); docs/performance.md lists them. 38 before 27 Nov 2026.
QUERIES_TO_REGISTER = 32

# A4 at 200 dpi, what an office scanner produces
PAGE_SIZE = (1654, 2339)
FIRST_PAGE = [
    "BADAN PUSAT STATISTIK KABUPATEN CONTOH",
    "Jalan Merdeka Nomor 7 Contoh",
    "",
    "Nomor : 045/123/BPS/2026",
    "Hal : Permohonan Data Statistik Sektoral",
    "Contoh, 12 November 2026",
    "",
    "Dengan hormat, bersama ini kami mohon",
    "bantuan data sektoral tahun berjalan.",
]
SECOND_PAGE = [
    "Demikian permohonan ini kami sampaikan.",
    "Atas perhatiannya kami ucapkan terima kasih.",
]


def page_count(pdf):
    import pypdfium2

    return len(pypdfium2.PdfDocument(pdf))


def scanned_page(lines, seed=1):
    """A page as a scanner sees it: black text on white, some dust, slightly askew."""
    from PIL import Image, ImageDraw, ImageFont

    font = None
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"):
        try:
            font = ImageFont.truetype(path, 40)
            break
        except OSError:
            continue
    font = font or ImageFont.load_default(size=40)
    image = Image.new("L", PAGE_SIZE, 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((150, 160 + 90 * i), line, fill=0, font=font)
    rng = random.Random(seed)
    pixels = image.load()
    for _i in range(4000):
        pixels[rng.randrange(PAGE_SIZE[0]), rng.randrange(PAGE_SIZE[1])] = rng.randrange(256)
    image = image.rotate(0.4, resample=Image.BICUBIC, fillcolor=255)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(200, 200))
    return out.getvalue()


@tagged("post_install", "-at_install")
class TestIncoming(EofficeLettersCase):
    """The incoming register: scans, OCR proposals, agenda numbers, duplicates, isolation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agendaris = cls.users_a["agendaris"]
        cls.staff_b = new_test_user(cls.env, login="t_staff_b_incoming",
                                    groups="base.group_user,eoffice_skpd.group_staff",
                                    company_id=cls.skpd_b.id, company_ids=[(6, 0, cls.skpd_b.ids)])
        cls.pages = [scanned_page(FIRST_PAGE, seed=1), scanned_page(SECOND_PAGE, seed=2)]

    def make_incoming(self, user=None, **values):
        vals = {
            "direction": "incoming",
            "name": "Permohonan Data",
            "sender_name": "Badan Pusat Statistik Kabupaten Contoh",
            "sender_number": "045/123/BPS/2026",
            "sender_date": datetime.date(2026, 11, 12),
            "recipient_position_id": self.head_a.id,
        }
        vals.update(values)
        return self.as_user(user or self.agendaris, self.env["eoffice.letter"]).create(vals)

    def attach_scan(self, letter, pages):
        Attachment = self.as_user(letter.env.user, self.env["ir.attachment"])
        attachments = Attachment.create([{
            "name": f"halaman-{i + 1}.png", "datas": base64.b64encode(data), "mimetype": "image/png",
            "res_model": letter._name, "res_id": letter.id,
        } for i, data in enumerate(pages)])
        letter.scan_page_ids = [(6, 0, attachments.ids)]
        return attachments

    def read_scan(self, letter):
        try:
            letter.action_read_scan()
        except AttributeError as exc:
            self.fail(f"action_read_scan crashed on image pages ({exc}): eoffice_letter.py builds a Python "
                      "list of attachments and then calls .sorted('id') on it")

    # ------------------------------------------------------------------ scan and OCR
    def test_scan_becomes_one_pdf_read_by_ocr(self):
        letter = self.make_incoming(name=False, sender_number=False, sender_date=False)
        self.attach_scan(letter, self.pages)
        self.read_scan(letter)

        pdf = base64.b64decode(letter.scan_pdf)
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(letter.scan_filename, "scan.pdf")
        self.assertEqual(page_count(pdf), 2)  # one page per image

        self.assertIn("Statistik", letter.ocr_text)
        self.assertIn("terima kasih", letter.ocr_text)  # the second page was read too
        self.assertEqual(letter.sender_number, "045/123/BPS/2026")
        self.assertEqual(letter.sender_date, datetime.date(2026, 11, 12))
        self.assertEqual(letter.name, "Permohonan Data Statistik Sektoral")

        # the text of the scan is searchable, within the SKPD only
        Letter = self.env["eoffice.letter"]
        self.assertIn(letter, self.as_user(self.agendaris, Letter).search([("ocr_text", "ilike", "statistik")]))
        self.assertFalse(self.as_user(self.staff_b, Letter).search([("ocr_text", "ilike", "statistik")]))

    def test_scan_keeps_the_scanners_pixels_and_paper_size(self):
        import pypdfium2
        from PIL import Image

        letter = self.make_incoming()
        attachment = self.attach_scan(letter, self.pages[:1])
        self.assertEqual(
            Image.open(io.BytesIO(attachment.raw)).size, PAGE_SIZE,
            "The stored scan is not the scanned page: ir.attachment's automatic resize "
            "(base.image_autoresize_max_px, 1920x1920) shrank it and reduced it to a 256-colour web palette")
        self.read_scan(letter)
        width, height = pypdfium2.PdfDocument(base64.b64decode(letter.scan_pdf))[0].get_size()
        self.assertAlmostEqual(width, 595, delta=3, msg="An A4 page scanned at 200 dpi must give an A4 PDF page")
        self.assertAlmostEqual(height, 842, delta=3, msg="An A4 page scanned at 200 dpi must give an A4 PDF page")

    def test_ocr_proposals_do_not_overwrite_what_was_typed(self):
        letter = self.make_incoming(name="Data sektoral", sender_number="045/123/BPS/2026-X",
                                    sender_date=datetime.date(2026, 11, 10))
        self.attach_scan(letter, self.pages[:1])
        self.read_scan(letter)
        self.assertEqual(page_count(base64.b64decode(letter.scan_pdf)), 1)
        self.assertIn("Statistik", letter.ocr_text)
        self.assertEqual(letter.name, "Data sektoral")
        self.assertEqual(letter.sender_number, "045/123/BPS/2026-X")
        self.assertEqual(letter.sender_date, datetime.date(2026, 11, 10))

    def test_read_scan_needs_pages(self):
        letter = self.make_incoming()
        with self.assertRaises(UserError):
            letter.action_read_scan()
        self.assertFalse(letter.scan_pdf)

    # ------------------------------------------------------------------ register
    @freeze_time("2026-11-14")
    def test_agenda_numbers_per_skpd_and_year(self):
        first = self.make_incoming()
        second = self.make_incoming(sender_number="046/123/BPS/2026")
        in_b = self.make_incoming(user=self.admin_b, recipient_position_id=self.head_b.id)
        first.action_register()
        in_b.action_register()
        second.action_register()
        self.assertEqual(first.state, "received")
        self.assertEqual(first.received_date, datetime.date(2026, 11, 14))  # today when not given
        self.assertEqual(first.agenda_number, "0001/2026")
        self.assertEqual(second.agenda_number, "0002/2026")
        self.assertEqual(in_b.agenda_number, "0001/2026")  # SKPD B counts on its own
        # the year of the agenda book is the year the letter was received
        next_year = self.make_incoming(sender_number="001/BPS/2027", sender_date=datetime.date(2026, 12, 30),
                                       received_date=datetime.date(2027, 1, 4))
        next_year.action_register()
        self.assertEqual(next_year.agenda_number, "0001/2027")
        third = self.make_incoming(sender_number="047/123/BPS/2026")
        third.action_register()
        self.assertEqual(third.agenda_number, "0003/2026")
        # the addressed official is asked to read it
        self.assertEqual(first.pending_position_ids, self.head_a)
        self.assertIn(self.users_a["official"], first.activity_ids.user_id)
        with self.assertRaises(UserError):
            first.action_register()

    @freeze_time("2026-11-14")
    def test_register_requires_sender_number_and_date(self):
        for field in ("sender_name", "sender_number", "sender_date"):
            with self.subTest(missing=field):
                letter = self.make_incoming(**{field: False})
                with self.assertRaises(UserError):
                    letter.action_register()
                self.assertEqual(letter.state, "draft")
                self.assertFalse(letter.agenda_number)
                self.assertFalse(letter.received_date)
        # no agenda number was used up by the refusals
        letter = self.make_incoming()
        letter.action_register()
        self.assertEqual(letter.agenda_number, "0001/2026")

    @freeze_time("2026-11-14")
    def test_same_sender_and_number_is_flagged_as_duplicate(self):
        first = self.make_incoming()
        first.action_register()
        again = self.make_incoming(sender_name="BADAN PUSAT STATISTIK KABUPATEN CONTOH")
        self.assertEqual(again.duplicate_of_id, first)
        again.action_register()
        self.assertEqual(again.agenda_number, "0002/2026")  # registered all the same: TU decides
        self.assertEqual(again.duplicate_of_id, first)
        self.assertTrue(any(first.agenda_number in (m.body or "") for m in again.message_ids),
                        "a chatter message points to the earlier registration")
        self.assertFalse(any(again.agenda_number in (m.body or "") for m in first.message_ids))
        # another number, or the same number from another sender, is no duplicate
        self.assertFalse(self.make_incoming(sender_number="999/BPS/2026").duplicate_of_id)
        self.assertFalse(self.make_incoming(sender_name="Dinas Pendidikan").duplicate_of_id)
        # nor is the same letter registered by another SKPD
        self.assertFalse(self.make_incoming(user=self.admin_b, recipient_position_id=self.head_b.id).duplicate_of_id)

    def test_registration_costs_no_more_queries_than_it_needs(self):
        """Create + Register: the queries docs/performance.md lists ("Registering incoming letters"),
        counted on a second letter once a first one has warmed the caches; and all it must do."""
        self.make_incoming(sender_number="001/BPS/2026").action_register()
        with self.assertQueryCount(QUERIES_TO_REGISTER):
            letter = self.make_incoming()
            letter.action_register()
        self.assertEqual(letter.state, "received")
        self.assertEqual(letter.agenda_number, "0002/2026")
        head = self.users_a["official"]
        activity = letter.activity_ids
        self.assertEqual((activity.user_id, activity.summary), (head, "Read"))
        # the head is told by e-mail and follows the letter; the agendaris who registered it does not
        notice = self.env["mail.message"].search([("model", "=", letter._name), ("res_id", "=", letter.id),
                                                  ("message_type", "=", "user_notification")])
        self.assertEqual(notice.partner_ids, head.partner_id)
        self.assertEqual(notice.notification_ids.notification_type, "email")
        self.assertEqual(letter.message_partner_ids, head.partner_id)
        self.assertTrue(letter.message_ids.filtered(lambda m: m.message_type == "notification"),
                        "the chatter says the letter was created")

    # ------------------------------------------------------------------ rules and constraints
    def test_other_skpd_cannot_read_the_register(self):
        letter = self.make_incoming()
        letter.action_register()
        letter.invalidate_recordset()
        with self.assertRaises(AccessError):
            self.as_user(self.staff_b, letter).read(["ocr_text", "sender_number"])
        # the agendaris of SKPD A and the auditor do read it
        self.assertEqual(self.as_user(self.agendaris, letter).read(["name"])[0]["name"], "Permohonan Data")
        self.assertTrue(letter.with_user(self.auditor).with_context(
            allowed_company_ids=self.auditor.company_ids.ids).read(["name"]))

    def test_letter_cannot_be_received_before_its_date(self):
        with self.assertRaises(ValidationError):
            self.make_incoming(sender_date=datetime.date(2026, 11, 15), received_date=datetime.date(2026, 11, 14))
        letter = self.make_incoming(received_date=datetime.date(2026, 11, 14))
        with self.assertRaises(ValidationError):
            letter.write({"sender_date": datetime.date(2026, 11, 20)})
        self.assertEqual(letter.sender_date, datetime.date(2026, 11, 12))
