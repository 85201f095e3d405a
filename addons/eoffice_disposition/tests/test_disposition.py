import base64
import datetime

from freezegun import freeze_time

from odoo.addons.eoffice_letters.tests.common import EofficeLettersCase, pdf_text
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged


class DispositionCase(EofficeLettersCase):
    """head_a > kabid_a > kasi > pelaksana, each held by its own user; a letter to head_a."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        Position = cls.env["eoffice.position"]

        def seat(name, parent, login):
            user = new_test_user(cls.env, login=login, groups="base.group_user,eoffice_skpd.group_official",
                                 company_id=cls.skpd_a.id, company_ids=[(6, 0, cls.skpd_a.ids)])
            employee = Employee.create({"name": name, "company_id": cls.skpd_a.id, "user_id": user.id})
            return Position.create({"name": name, "company_id": cls.skpd_a.id, "parent_id": parent.id,
                                    "employee_id": employee.id}), user

        cls.kasi, cls.kasi_user = seat("Kasi Uji", cls.kabid_a, "t_kasi_a")
        cls.pelaksana, cls.pelaksana_user = seat("Pelaksana Disposisi", cls.kasi, "t_pelaksana_a")
        cls.kabid2, cls.kabid2_user = seat("Kabid Dua", cls.head_a, "t_kabid2_a")
        cls.head_user = cls.users_a["official"]
        # the strict default of the regulation (the demo Pemda allows skipping levels)
        cls.pemda.write({"disposition_allow_skip": False, "disposition_allow_lateral": False})
        cls.Disposition = cls.env["eoffice.disposition"]
        cls.instruction = cls.env.ref("eoffice_disposition.instruction_02")

    def make_incoming(self, urgency="biasa"):
        letter = self.as_user(self.users_a["agendaris"], self.env["eoffice.letter"]).create({
            "direction": "incoming", "name": "Permohonan Data Uji Disposisi", "sender_name": "BPS Uji",
            "sender_number": "B-9/2026", "sender_date": datetime.date.today(), "urgency": urgency,
            "recipient_position_id": self.head_a.id})
        letter.action_register()
        return letter.with_env(self.env)

    def dispose(self, user, letter, from_position, positions, **kwargs):
        return self.as_user(user, self.Disposition)._dispose(letter, from_position, positions,
                                                             instructions=self.instruction, **kwargs)


@tagged("post_install", "-at_install")
class TestDisposition(DispositionCase):
    def test_live_switch(self):
        letter = self.make_incoming()
        self.skpd_a.eoffice_disposition_live = False
        with self.assertRaisesRegex(UserError, "Disposition is not live yet in Dinas Uji A"):
            self.dispose(self.head_user, letter, self.head_a, self.kabid_a)
        self.skpd_a.eoffice_disposition_live = True
        self.assertEqual(self.dispose(self.head_user, letter, self.head_a, self.kabid_a).company_id, self.skpd_a)

    def test_forwarding_over_three_levels_and_done_when_every_branch_is_done(self):
        letter = self.make_incoming()
        top = self.dispose(self.head_user, letter, self.head_a, self.kabid_a | self.kabid2)
        self.assertEqual(letter.disposition_state, "open")
        kabid_branch, kabid2_branch = top.branch_ids.sorted(lambda b: b.position_id.id != self.kabid_a.id)
        second = self.as_user(self.kabid_user, kabid_branch).action_forward(self.kasi)
        kasi_branch = second.branch_ids
        third = self.as_user(self.kasi_user, kasi_branch).action_forward(self.pelaksana)
        self.assertEqual((top.level, second.level, third.level), (1, 2, 3))
        self.assertEqual(third.parent_id, second)
        self.assertEqual(kabid_branch.state, "forwarded")
        # the deepest official reports done: the chain up is done, the other Kabid is not
        self.as_user(self.pelaksana_user, third.branch_ids).action_done("Data sudah dikirim")
        self.assertTrue(kasi_branch.is_done and kabid_branch.is_done)
        self.assertEqual(third.state, "done")
        self.assertEqual(second.state, "done")
        self.assertEqual(top.state, "open")
        self.assertEqual(letter.disposition_state, "open")
        self.as_user(self.kabid2_user, kabid2_branch).action_done("Sudah dikoordinasikan")
        self.assertEqual(top.state, "done")
        self.assertEqual(letter.disposition_state, "done")
        self.assertEqual(len(letter.disposition_branch_ids), 4)  # the tree on the letter

    def test_deadline_follows_urgency(self):
        letter = self.make_incoming(urgency="sangat_segera")
        disposition = self.dispose(self.head_user, letter, self.head_a, self.kabid_a)
        self.assertEqual(disposition.deadline, datetime.date.today() + datetime.timedelta(days=1))

    def test_cancel_only_while_unread(self):
        letter = self.make_incoming()
        disposition = self.dispose(self.head_user, letter, self.head_a, self.kabid_a | self.kabid2)
        first, second = disposition.branch_ids.sorted(lambda b: b.position_id.id != self.kabid_a.id)
        with self.assertRaises(AccessError):
            self.as_user(self.kabid2_user, first).action_cancel()
        self.as_user(self.head_user, first).action_cancel()
        self.assertEqual(first.state, "cancelled")
        self.as_user(self.kabid2_user, second).action_read()
        self.assertTrue(second.read_date)
        with self.assertRaisesRegex(UserError, "already read"):
            self.as_user(self.head_user, second).action_cancel()
        self.assertEqual(second.state, "read")

    def test_disposing_outside_the_hierarchy_is_refused(self):
        letter = self.make_incoming()
        with self.assertRaisesRegex(UserError, "cannot dispose to Pelaksana Disposisi"):
            self.dispose(self.head_user, letter, self.head_a, self.pelaksana)  # skips two levels
        with self.assertRaisesRegex(UserError, "cannot dispose to Kepala Dinas Uji B"):
            self.dispose(self.head_user, letter, self.head_a, self.head_b)  # another SKPD
        with self.assertRaises(AccessError):
            self.dispose(self.kabid_user, letter, self.head_a, self.kabid2)  # not the seat's official
        self.assertFalse(letter.disposition_ids)
        # the Pemda may allow skipping levels, then lateral dispositions
        self.pemda.disposition_allow_skip = True
        self.dispose(self.head_user, letter, self.head_a, self.pelaksana)
        self.pemda.disposition_allow_lateral = True
        # a seat disposes a letter only as its addressee, or forwards the branch it received
        with self.assertRaisesRegex(AccessError, "addressed position"):
            self.dispose(self.kabid2_user, letter, self.kabid2, self.kabid_a)
        branch = self.dispose(self.head_user, letter, self.head_a, self.kabid2).branch_ids
        self.dispose(self.kabid2_user, letter, self.kabid2, self.kabid_a, parent_branch=branch)

    def test_acting_official_by_date(self):
        letter = self.make_incoming()
        disposition = self.dispose(self.head_user, letter, self.head_a, self.kabid_a)
        branch = disposition.branch_ids
        plh = new_test_user(self.env, login="t_plh_kabid", groups="base.group_user,eoffice_skpd.group_official",
                            company_id=self.skpd_a.id, company_ids=[(6, 0, self.skpd_a.ids)])
        employee = self.env["hr.employee"].create({"name": "Plh Kabid", "company_id": self.skpd_a.id,
                                                   "user_id": plh.id})
        self.env["eoffice.position.acting"].create({
            "position_id": self.kabid_a.id, "employee_id": employee.id, "kind": "plh",
            "date_from": datetime.date(2026, 12, 1), "date_to": datetime.date(2026, 12, 10)})
        Branch = self.env["eoffice.disposition.branch"]
        with freeze_time("2026-11-30"):
            self.assertFalse(self.as_user(plh, Branch).search([("position_id.current_user_ids", "in", [plh.id])]))
            with self.assertRaises(AccessError):
                self.as_user(plh, branch).action_start()
        with freeze_time("2026-12-05"):
            inbox = self.as_user(plh, Branch).search([("position_id.current_user_ids", "in", [plh.id])])
            self.assertEqual(inbox, branch)
            self.as_user(plh, branch).action_start()
            self.assertEqual(branch.state, "in_progress")
        with freeze_time("2026-12-11"):
            with self.assertRaises(AccessError):
                self.as_user(plh, branch).action_done("Terlambat")
        # the seat's own holder keeps the work throughout
        self.as_user(self.kabid_user, branch).action_done("Selesai")
        self.assertEqual(branch.state, "done")

    def test_overdue_reminder_job(self):
        letter = self.make_incoming(urgency="segera")
        with freeze_time("2026-11-02 08:00:00"):
            disposition = self.dispose(self.head_user, letter, self.head_a, self.kabid_a | self.kabid2)
        self.assertEqual(disposition.deadline, datetime.date(2026, 11, 5))
        done, late = disposition.branch_ids.sorted(lambda b: b.position_id.id != self.kabid2.id)
        self.as_user(self.kabid2_user, done).action_done("Selesai tepat waktu")
        Branch = self.env["eoffice.disposition.branch"]
        with freeze_time("2026-11-05 10:00:00"):
            self.assertEqual(Branch._cron_remind_overdue(), 0)
        with freeze_time("2026-11-06 07:00:00"):
            self.assertTrue(late.is_overdue)
            self.assertIn(late, Branch.search([("is_overdue", "=", True)]))
            self.assertEqual(Branch._cron_remind_overdue(), 1)
            summaries = late.activity_ids.mapped("summary")
            self.assertTrue(any(s.startswith("Overdue disposition") for s in summaries))
            self.assertIn(self.head_user, late.activity_ids.user_id)  # the sender is told
            self.assertEqual(Branch._cron_remind_overdue(), 0)  # once a day
        with freeze_time("2026-11-07 07:00:00"):
            self.assertEqual(Branch._cron_remind_overdue(), 1)

    def test_inbox_query_count(self):
        letter = self.make_incoming()
        for _index in range(3):
            self.dispose(self.head_user, letter, self.head_a, self.kabid_a)
        Branch = self.as_user(self.kabid_user, self.env["eoffice.disposition.branch"])
        spec = {"letter_id": {"fields": {"display_name": {}}}, "from_position_id": {"fields": {"display_name": {}}},
                "position_id": {"fields": {"display_name": {}}}, "deadline": {}, "state": {}, "is_overdue": {},
                "instruction_ids": {"fields": {"display_name": {}}}, "priority": {}}
        domain = [("position_id.current_user_ids", "in", [self.kabid_user.id]),
                  ("state", "in", ("unread", "read", "in_progress"))]
        Branch.web_search_read(domain, spec)  # warm the caches of the rules
        self.env.invalidate_all()
        with self.assertQueryCount(20):
            result = Branch.web_search_read(domain, spec)
        self.assertEqual(result["length"], 3)

    def test_disposition_sheet(self):
        letter = self.make_incoming()
        self.dispose(self.head_user, letter, self.head_a, self.kabid_a, note="Segera tindak lanjuti")
        action = self.as_user(self.head_user, letter).action_print_disposition_sheet()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        text = " ".join(pdf_text(base64.b64decode(attachment.datas)).split())
        for expected in ("BPS Uji", "B-9/2026", letter.agenda_number, "Kepala Bidang Uji A",
                         "Segera tindak lanjuti"):
            self.assertIn(expected, text)

    def test_outsiders_cannot_see_dispositions(self):
        letter = self.make_incoming()
        disposition = self.dispose(self.head_user, letter, self.head_a, self.kabid_a)
        with self.assertRaises(AccessError):
            self.as_user(self.admin_b, disposition.branch_ids).read(["state"])
        with self.assertRaises(AccessError):
            self.as_user(self.auditor, disposition.branch_ids).write({"report": "x"})
