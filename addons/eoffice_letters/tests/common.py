import io

from odoo.addons.eoffice_skpd.tests.common import EofficeSkpdCase
from odoo.tests import new_test_user

BODY = "<p>Dengan hormat, kami mengundang {{penerima}} pada {{tanggal}}.</p>"


def decode_qr_from_pdf(pdf_bytes, page=0):
    """Every QR code found on a page of the PDF, rendered at print resolution."""
    import pypdfium2
    from pyzbar.pyzbar import decode

    document = pypdfium2.PdfDocument(io.BytesIO(pdf_bytes))
    image = document[page].render(scale=300 / 72).to_pil()
    return [symbol.data.decode() for symbol in decode(image)]


def pdf_text(pdf_bytes):
    import pypdfium2

    document = pypdfium2.PdfDocument(io.BytesIO(pdf_bytes))
    return "\n".join(document[i].get_textpage().get_text_bounded() for i in range(len(document)))


def purge_committed_letters(env, company_id):
    """Delete what a test committed in its own SKPD: the letters and what signing made of them
    (chatter, followers, activities, PDFs, archive files, number counters)."""
    env.cr.execute("SELECT id FROM eoffice_letter WHERE company_id = %s", [company_id])
    letter_ids = tuple(row[0] for row in env.cr.fetchall()) or (0,)
    for table, model_column in (("mail_message", "model"), ("mail_followers", "res_model"),
                                ("mail_activity", "res_model"), ("ir_attachment", "res_model")):
        env.cr.execute(f"DELETE FROM {table} WHERE {model_column} = 'eoffice.letter' "  # noqa: S608
                       "AND res_id IN %s", [letter_ids])
    env.cr.execute("DELETE FROM eoffice_letter WHERE company_id = %s", [company_id])
    env.cr.execute("DELETE FROM eoffice_archive_file WHERE company_id = %s", [company_id])
    env.cr.execute("DELETE FROM eoffice_letter_sequence WHERE company_id = %s", [company_id])


class EofficeLettersCase(EofficeSkpdCase):
    """SKPD A: head_a (held by users_a["official"]) > kabid_a (held by kabid_user) > staff seat
    (held by users_a["staff"]); SKPD B: head_b held by head_b_user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))  # messages the tests can match
        Employee = cls.env["hr.employee"]
        Position = cls.env["eoffice.position"]
        cls.kabid_user = new_test_user(cls.env, login="t_kabid_a", groups="base.group_user,eoffice_skpd.group_official",
                                       company_id=cls.skpd_a.id, company_ids=[(6, 0, cls.skpd_a.ids)])
        cls.kabid_a.employee_id = Employee.create({"name": "Kabid Uji", "company_id": cls.skpd_a.id,
                                                   "user_id": cls.kabid_user.id, "nip": "197701012002121001"})
        cls.staff_seat = Position.create({"name": "Pelaksana Uji A", "company_id": cls.skpd_a.id,
                                          "parent_id": cls.kabid_a.id, "employee_id": cls.emp_plt.id})
        cls.head_b_user = new_test_user(cls.env, login="t_head_b", groups="base.group_user,eoffice_skpd.group_official",
                                        company_id=cls.skpd_b.id, company_ids=[(6, 0, cls.skpd_b.ids)])
        cls.head_b.employee_id = Employee.create({"name": "Kadis Uji B", "company_id": cls.skpd_b.id,
                                                  "user_id": cls.head_b_user.id, "nip": "197502022000032002"})
        cls.skpd_a.head_position_id = cls.head_a
        cls.skpd_b.head_position_id = cls.head_b
        cls.classification = cls.env["eoffice.archive.classification"].create({
            "code": "000.98", "name": "Uji Penomoran", "parent_id": cls.env.ref(
                "eoffice_letters.archive_classification_000").id})
        cls.letter_type = cls.env.ref("eoffice_letters.letter_type_sd")

    def as_user(self, user, record):
        # English messages, whatever the user's language, so that tests can match them
        return record.with_user(user).with_context(allowed_company_ids=user.company_ids.ids, lang="en_US") \
            .with_company(user.company_id)

    def make_letter(self, user=None, **values):
        user = user or self.users_a["staff"]
        vals = {
            "name": "Undangan Rapat Uji",
            "type_id": self.letter_type.id,
            "classification_id": self.classification.id,
            "signer_position_id": self.head_a.id,
            "body": BODY,
            "to_recipient_ids": [(0, 0, {"recipient_type": "position", "position_id": self.head_b.id})],
        }
        vals.update(values)
        letter = self.as_user(user, self.env["eoffice.letter"]).create(vals)
        return letter.with_env(self.env)

    def sign(self, letter, signer=None):
        """Submit, approve every review step with its seat's official, sign."""
        self.as_user(letter.create_uid, letter).action_submit()
        while letter.state == "review":
            user = letter.current_review_id.position_id.current_user_ids[:1]
            self.as_user(user, letter).action_approve()
        self.as_user(signer or self.users_a["official"], letter).action_sign()
        return letter
