import base64
import datetime

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import EofficeLettersCase, pdf_text


@tagged("post_install", "-at_install")
class TestArchiveLifecycle(EofficeLettersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.classification.write({"active_years": 2, "inactive_years": 3, "final_disposition": "musnah"})
        cls.pemda_admin = new_test_user(
            cls.env, login="t_archive_pemda", groups="base.group_user,eoffice_skpd.group_pemda_admin",
            company_id=cls.pemda.id, company_ids=[(6, 0, (cls.pemda | cls.skpd_a | cls.skpd_b).ids)])
        cls.Files = cls.env["eoffice.archive.file"]

    def old_file(self, year=2015, classification=None):
        """A file of SKPD A from an earlier year holding one signed letter."""
        letter = self.sign(self.make_letter())
        record = self.Files.create({"name": f"Berkas uji {year}", "company_id": self.skpd_a.id,
                                    "classification_id": (classification or self.classification).id, "year": year})
        letter.sudo().archive_file_id = record
        return record, letter

    def test_signed_letters_are_filed_with_retention_from_the_classification(self):
        first = self.sign(self.make_letter())
        second = self.sign(self.make_letter(name="Surat kedua"))
        record = first.archive_file_id
        self.assertTrue(record)
        self.assertEqual(second.archive_file_id, record)
        year = first.letter_date.year
        self.assertEqual((record.year, record.classification_id, record.company_id),
                         (year, self.classification, self.skpd_a))
        self.assertEqual(record.active_until, datetime.date(year + 2, 12, 31))
        self.assertEqual(record.inactive_until, datetime.date(year + 5, 12, 31))
        self.assertEqual(record.final_disposition, "musnah")
        self.assertEqual((record.letter_count, record.due_action), (2, False))
        # the retention follows the classification
        self.classification.inactive_years = 10
        self.assertEqual(record.inactive_until, datetime.date(year + 12, 12, 31))

    def test_transfer_then_disposal_only_after_approval(self):
        record, letter = self.old_file()
        self.assertEqual(record.due_action, "transfer")
        self.assertIn(record, self.Files.search([("due_action", "=", "transfer")]))
        admin = self.users_a["skpd_admin"]
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.users_a["staff"], record).action_transfer()
        self.as_user(admin, record).action_transfer()
        self.assertEqual((record.state, record.due_action), ("inactive", "dispose"))
        self.assertIn(record, self.Files.search([("due_action", "!=", False)]))
        attachments = self.env["ir.attachment"].search([("res_model", "=", "eoffice.letter"),
                                                         ("res_id", "=", letter.id), ("res_field", "!=", False)])
        self.assertTrue(attachments)
        disposal = self.as_user(admin, self.env["eoffice.archive.disposal"]).create({
            "name": "BA-MUSNAH/1/2031", "company_id": self.skpd_a.id, "reason": "Retensi berakhir.",
            "file_ids": [(6, 0, record.ids)]}).with_env(self.env)
        with self.assertRaisesRegex(UserError, "before the disposal is approved"), self.env.cr.savepoint():
            self.as_user(admin, disposal).action_execute()
        self.as_user(admin, disposal).action_submit()
        with self.assertRaisesRegex(UserError, "before the disposal is approved"), self.env.cr.savepoint():
            self.as_user(admin, disposal).action_execute()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(admin, disposal).action_approve()
        with self.assertRaisesRegex(UserError, "only be changed by its workflow"), self.env.cr.savepoint():
            self.as_user(admin, disposal).write({"state": "approved"})
        self.assertEqual(disposal.state, "submitted")
        # nothing was removed so far
        self.assertTrue(attachments.exists())
        self.assertTrue(letter.pdf_file)
        self.assertFalse(letter.content_disposed)
        self.as_user(self.pemda_admin, disposal).action_approve()
        minutes = base64.b64decode(disposal.minutes_file)
        text = pdf_text(minutes)
        self.assertIn("BA-MUSNAH/1/2031", text)
        self.assertIn("Berkas uji 2015", text)
        self.as_user(admin, disposal).action_execute()
        self.assertEqual((disposal.state, record.state), ("done", "disposed"))
        self.assertFalse(attachments.exists())
        letter.invalidate_recordset()
        self.assertTrue(letter.content_disposed)
        self.assertFalse(letter.body)
        self.assertTrue(letter.number)  # the register entry stays
        self.assertIn("Disposed", " ".join(disposal.message_ids.mapped("body")))
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(admin, record).unlink()

    def test_permanent_files_are_never_disposed(self):
        permanent = self.env["eoffice.archive.classification"].create({
            "code": "000.97", "name": "Uji Permanen", "parent_id": self.classification.parent_id.id,
            "active_years": 1, "inactive_years": 1, "final_disposition": "permanen"})
        record, _letter = self.old_file(classification=permanent)
        admin = self.users_a["skpd_admin"]
        self.as_user(admin, record).action_transfer()
        self.assertEqual(record.due_action, "permanent")
        with self.assertRaisesRegex(ValidationError, "Permanent files are never disposed"), self.env.cr.savepoint():
            self.as_user(admin, self.env["eoffice.archive.disposal"]).create({
                "name": "BA-X", "company_id": self.skpd_a.id, "reason": "x", "file_ids": [(6, 0, record.ids)]})
        self.as_user(admin, record).action_hand_to_archive()
        self.assertEqual((record.state, record.due_action), ("permanent", False))

    def test_a_file_not_due_cannot_be_transferred_or_disposed(self):
        record = self.sign(self.make_letter()).archive_file_id
        admin = self.users_a["skpd_admin"]
        with self.assertRaisesRegex(UserError, "stays active until"), self.env.cr.savepoint():
            self.as_user(admin, record).action_transfer()
        disposal = self.as_user(admin, self.env["eoffice.archive.disposal"]).create({
            "name": "BA-Y", "company_id": self.skpd_a.id, "reason": "x", "file_ids": [(6, 0, record.ids)]})
        with self.assertRaisesRegex(UserError, "not due for disposal"), self.env.cr.savepoint():
            disposal.action_submit()
        self.assertEqual(disposal.state, "draft")

    def test_other_skpd_cannot_see_the_files(self):
        record = self.sign(self.make_letter()).archive_file_id
        with self.assertRaises(AccessError):
            self.as_user(self.admin_b, record).read(["name"])
        self.assertTrue(self.as_user(self.auditor, record).read(["name"]))

    def test_retention_alarm_reaches_the_archive_unit(self):
        record, _letter = self.old_file()
        self.Files._cron_retention_alarms()
        self.assertEqual(record.activity_ids.user_id, self.users_a["skpd_admin"])
        self.Files._cron_retention_alarms()
        self.assertEqual(len(record.activity_ids), 1)
        self.assertLess(record.active_until, fields.Date.today())
