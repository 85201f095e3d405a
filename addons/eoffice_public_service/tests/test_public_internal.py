import datetime
import json

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import PublicServiceCase


@tagged("post_install", "-at_install")
class TestPublicInternal(PublicServiceCase):
    """The SKPD's side: who may answer or refuse, what nobody may write, the service level."""

    def call(self, login, model, method, args, kwargs=None):
        self.authenticate(login, login)
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1,
                   "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}}
        with mute_logger("odoo.http", "odoo.models", "odoo.addons.base.models.ir_rule"):
            response = self.url_open(f"/web/dataset/call_kw/{model}/{method}", data=json.dumps(payload),
                                     headers={"Content-Type": "application/json"})
        return response.json()

    def test_forged_writes_over_rpc_are_refused(self):
        request = self.Request._find_by_code(self.submit_ok())
        before = request.read(["state", "nik", "subject", "refusal_reason", "deadline", "is_overdue",
                               "answer_letter_id"])[0]
        other_letter = self.sign(self.make_letter(name="Surat lain"))
        for login, values in (
                ("t_official_a", {"state": "selesai"}),
                ("t_official_a", {"nik": "3374015708900002"}),
                ("t_official_a", {"deadline": "2099-01-01"}),
                ("t_official_a", {"refusal_reason": "palsu"}),
                ("t_official_a", {"is_overdue": False, "completed_date": "2020-01-01"}),
                ("t_staff_a", {"answer_letter_id": other_letter.id}),  # not a handler of the request
                ("t_admin_b", {"answer_letter_id": other_letter.id}),  # another SKPD
                ("t_auditor", {"answer_letter_id": other_letter.id})):
            with self.subTest(login=login, values=values):
                answer = self.call(login, "eoffice.public.request", "write", [request.ids, values])
                self.assertIn("error", answer)
                request.invalidate_recordset()
                self.assertEqual(request.read(list(before))[0], before)
        for login in ("t_staff_a", "t_admin_b"):
            answer = self.call(login, "eoffice.public.request", "action_refuse", [request.ids, "Ditolak palsu"])
            self.assertIn("error", answer)
        answer = self.call("t_official_a", "eoffice.public.survey", "create",
                           [{"request_id": request.id, **{f"u{i}": 4 for i in range(1, 10)}}])
        self.assertIn("error", answer)
        answer = self.call("t_official_a", "eoffice.public.request", "_submit_public", [])
        self.assertIn("error", answer)
        self.assertFalse(request.survey_ids)
        self.assertEqual(request.state, "diterima")

    def test_other_skpd_cannot_read(self):
        request = self.Request._find_by_code(self.submit_ok())
        with self.assertRaises(AccessError):
            self.as_user(self.admin_b, request).read(["nik"])
        self.assertEqual(self.as_user(self.admin_b, self.env["eoffice.public.request"]).search_count([]), 0)
        self.assertTrue(self.as_user(self.users_a["staff"], request).read(["subject"]))
        self.assertTrue(self.as_user(self.auditor, request).read(["subject"]))

    def test_answer_letter_rules(self):
        request = self.Request._find_by_code(self.submit_ok())
        official = self.users_a["official"]
        secret = self.sign(self.make_letter(name="Surat Rahasia", sifat="rahasia"))
        with self.assertRaises(ValidationError):
            self.as_user(official, request).write({"answer_letter_id": secret.id})
        with self.assertRaises(ValidationError):
            self.as_user(official, request).write({"answer_letter_id": request.letter_id.id})  # incoming
        # linked while a draft: completed once signed
        draft = self.make_letter(name="Jawaban")
        self.as_user(official, request).write({"answer_letter_id": draft.id})
        self.assertEqual(request.state, "diterima")
        self.sign(draft)
        self.assertEqual(request.state, "selesai")
        self.assertTrue(request.completed_date)
        with self.assertRaises(UserError):
            self.as_user(official, request).action_refuse("Terlambat")
        self.assertTrue(self.env["mail.mail"].sudo().search([("email_to", "=", "siti.aminah@example.com"),
                                                             ("subject", "ilike", request.name)]))

    def test_refusal_needs_a_reason(self):
        request = self.Request._find_by_code(self.submit_ok())
        with self.assertRaises(UserError):
            self.as_user(self.users_a["official"], request).action_refuse("  ")
        self.assertEqual(request.state, "diterima")
        wizard = self.as_user(self.users_a["official"], self.env["eoffice.public.request.refuse"]).create(
            {"request_id": request.id, "reason": "Bukan kewenangan dinas ini"})
        wizard.action_confirm()
        self.assertEqual((request.state, request.refusal_reason), ("ditolak", "Bukan kewenangan dinas ini"))
        self.assertTrue(request.on_time)

    def test_working_days_skip_weekends_and_holidays(self):
        Holiday = self.env["eoffice.public.holiday"]
        friday = datetime.date(2030, 1, 4)
        self.assertEqual(Holiday._add_working_days(friday, 1), datetime.date(2030, 1, 7))
        Holiday.create({"name": "Libur Uji", "date": "2030-01-07"})
        self.assertEqual(Holiday._add_working_days(friday, 1), datetime.date(2030, 1, 8))
        self.assertEqual(Holiday._add_working_days(friday, 5), datetime.date(2030, 1, 14))
        staff = new_test_user(self.env, login="t_holiday_staff", groups="base.group_user,eoffice_skpd.group_staff")
        with self.assertRaises(AccessError):
            Holiday.with_user(staff).create({"name": "Libur Palsu", "date": "2030-02-01"})

    def test_overdue_requests_are_flagged_to_the_seat(self):
        request = self.Request._find_by_code(self.submit_ok())
        Request = self.env["eoffice.public.request"]
        Request._cron_flag_overdue()
        self.assertFalse(request.is_overdue)
        with freeze_time(request.deadline + datetime.timedelta(days=1)):
            Request._cron_flag_overdue()
        self.assertTrue(request.is_overdue)
        activity = request.activity_ids.filtered(lambda a: a.user_id == self.users_a["official"])
        self.assertTrue(activity)
        with freeze_time(request.deadline + datetime.timedelta(days=2)):
            Request._cron_flag_overdue()
        self.assertEqual(len(request.activity_ids), len(activity), "flagged once")
        # the counts the control room pivots on
        groups = Request._read_group([("company_id", "=", self.skpd_a.id)], ["company_id", "is_overdue"],
                                     ["request_count:sum"])
        self.assertIn((self.skpd_a, True, 1), groups)

    def test_scans_of_online_requests_are_read_later(self):
        from unittest.mock import patch

        request = self.Request._find_by_code(self.submit_ok())
        self.assertFalse(request.letter_id.ocr_text, "no OCR while the citizen waits")
        with patch("odoo.addons.eoffice_letters.utils.ocr_pdf", return_value="KARTU TANDA PENDUDUK") as ocr:
            self.env["eoffice.public.request"]._cron_read_scans()
        self.assertTrue(ocr.called)
        self.assertEqual(request.letter_id.ocr_text, "KARTU TANDA PENDUDUK")
        found = self.as_user(self.users_a["agendaris"], self.env["eoffice.letter"]).search(
            [("ocr_text", "ilike", "TANDA PENDUDUK")])
        self.assertIn(request.letter_id, found)
        # the letter form shows the request it registers
        self.assertEqual(request.letter_id.public_request_ids, request)
