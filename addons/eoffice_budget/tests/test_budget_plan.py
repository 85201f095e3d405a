import base64
import io
from datetime import timedelta

import openpyxl

from odoo import fields
from odoo.addons.eoffice_skpd.models.eoffice_workflow_mixin import WorkflowError
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import EofficeBudgetCase


@tagged("post_install", "-at_install")
class TestBudgetPlan(EofficeBudgetCase):
    # ------------------------------------------------------------------ drafting
    def test_amounts_roll_up_by_sub_kegiatan_kegiatan_program_and_skpd(self):
        plan, activity = self.make_plan(volumes=(10, 2))
        line = self.add_line(activity, 3, item=self.snack, account=self.meals)
        line.write({"vol2": 4, "uom2": "Kali", "tax_percent": 10})
        self.assertEqual(line.volume, 12)
        self.assertEqual(line.volume_label, "3 Kotak × 4 Kali")
        self.assertEqual(line.amount, 198000)  # 12 × 15.000 + 10% tax
        expected = 12 * 50000 + 198000
        self.assertEqual(activity.total, expected)
        self.assertEqual(plan.total, expected)
        other = self.as_user(self.operator_a, self.env["eoffice.budget.plan.activity"]).create({
            "plan_id": plan.id, "sub_kegiatan_id": self.sub2.id, "funding_source_id": self.source.id})
        self.add_line(other, 1)
        self.assertEqual(plan.total, expected + 50000)
        Line = self.env["eoffice.budget.plan.line"]
        by_kegiatan = dict(Line._read_group([("plan_id", "=", plan.id)], ["kegiatan_id"], ["amount:sum"]))
        self.assertEqual(by_kegiatan, {self.sub1.parent_id: expected + 50000})
        by_program = dict(Line._read_group([("plan_id", "=", plan.id)], ["program_id"], ["amount:sum"]))
        self.assertEqual(by_program, {self.sub1.parent_id.parent_id: expected + 50000})
        by_skpd = dict(Line._read_group([("plan_id", "=", plan.id)], ["company_id"], ["amount:sum"]))
        self.assertEqual(by_skpd, {self.skpd_a: expected + 50000})
        summary = {(level, code): total for level, code, _name, total in plan._summary_rows()}
        self.assertEqual(summary[("sub_kegiatan", self.sub2.code)], 50000)
        self.assertEqual(summary[("program", "9.01.01")], expected + 50000)

    def test_price_lock_and_item_account_mapping(self):
        _plan, activity = self.make_plan(volumes=())
        with self.assertRaisesRegex(ValidationError, "above its standard price"), self.env.cr.savepoint():
            self.add_line(activity, 1, price=50001)
        with self.assertRaisesRegex(ValidationError, "may not be budgeted on account 5.1.02.01.01.0052"), \
                self.env.cr.savepoint():
            self.add_line(activity, 1, account=self.meals)
        line = self.add_line(activity, 1, price=45000)  # below the standard is allowed
        with self.assertRaisesRegex(ValidationError, "above its standard price"), self.env.cr.savepoint():
            self.as_user(self.operator_a, line).unit_price = 60000
        other_year = self.env["eoffice.budget.fiscal.year"].create({"year": 2032, "regulation_id": self.regulation.id})
        old_item = self.paper.copy({"fiscal_year_id": other_year.id})
        with self.assertRaisesRegex(ValidationError, "not in the price standard of"), self.env.cr.savepoint():
            self.add_line(activity, 1, item=old_item)
        self.assertEqual(activity.line_ids, line)

    def test_sub_kegiatan_must_be_served_by_the_skpd(self):
        self.skpd_a.budget_bidang_ids = self.codes[("program", "9.01")]
        plan, _activity = self.make_plan()
        with self.assertRaisesRegex(ValidationError, "does not serve"), self.env.cr.savepoint():
            self.as_user(self.operator_a, self.env["eoffice.budget.plan.activity"]).create({
                "plan_id": plan.id, "sub_kegiatan_id": self.sub_other.id})

    # ------------------------------------------------------------------ ceilings
    def test_ceiling_warns_by_default(self):
        plan, activity = self.make_plan(volumes=(10,))
        self.as_user(self.verifier, plan).ceiling = 600000
        self.assertFalse(plan.over_ceiling)
        self.add_line(activity, 3)
        self.assertTrue(plan.over_ceiling)
        self.as_user(self.operator_a, plan).action_submit()
        self.assertEqual(plan.state, "submitted")

    def test_ceiling_blocks_when_the_pemda_says_so(self):
        self.env.ref("base.main_company").budget_ceiling_policy = "block"
        plan, activity = self.make_plan(volumes=(10,))
        self.as_user(self.verifier, plan).ceiling = 600000
        self.as_user(self.verifier, activity).ceiling = 550000
        with self.assertRaisesRegex(ValidationError, "above its ceiling of Rp 550.000"), self.env.cr.savepoint():
            self.add_line(activity, 2)
        self.assertEqual(activity.total, 500000)
        line = activity.line_ids
        with self.assertRaisesRegex(ValidationError, "above its ceiling"), self.env.cr.savepoint():
            self.as_user(self.operator_a, line).vol1 = 12
        self.as_user(self.verifier, activity).ceiling = 0
        with self.assertRaisesRegex(ValidationError, "above the SKPD's ceiling of Rp 600.000"), \
                self.env.cr.savepoint():
            self.add_line(activity, 3)
        self.assertEqual(plan.total, 500000)

    def test_only_tapd_sets_ceilings(self):
        plan, activity = self.make_plan()
        with self.assertRaises(AccessError):
            self.as_user(self.operator_a, plan).ceiling = 1
        with self.assertRaises(AccessError):
            self.as_user(self.operator_a, activity).ceiling = 1
        self.assertEqual((plan.ceiling, activity.ceiling), (0, 0))

    # ------------------------------------------------------------------ windows
    def test_input_window_closes_the_rka(self):
        plan, activity = self.make_plan(volumes=(10,))
        self.assertTrue(plan.input_open)
        self.as_user(self.verifier, self.windows[0]).action_close()
        plan.invalidate_recordset(["input_open"])
        self.assertFalse(plan.input_open)
        line = activity.line_ids
        for attempt in (lambda: self.add_line(activity, 1),
                        lambda: self.as_user(self.operator_a, line).write({"vol1": 11}),
                        lambda: self.as_user(self.operator_a, line).unlink(),
                        lambda: self.as_user(self.operator_a, plan).action_submit()):
            with self.assertRaisesRegex(UserError, f"RKA input for Dinas Uji A in {self.year.name} is closed"), \
                    self.env.cr.savepoint():
                attempt()
        self.assertEqual((line.vol1, plan.state, len(activity.line_ids)), (10, "draft", 1))
        # SKPD B's window is still open
        plan_b, _activity_b = self.make_plan(user=self.operator_b)
        self.assertTrue(plan_b.input_open)
        # a new window reopens input
        now = fields.Datetime.now()
        self.as_user(self.verifier, self.env["eoffice.budget.input.window"]).create({
            "company_id": self.skpd_a.id, "fiscal_year_id": self.year.id, "date_from": now - timedelta(minutes=1),
            "date_to": now + timedelta(days=1)})
        self.add_line(activity, 1)

    def test_only_tapd_opens_windows(self):
        with self.assertRaises(AccessError):
            self.as_user(self.operator_a, self.env["eoffice.budget.input.window"]).create({
                "company_id": self.skpd_a.id, "fiscal_year_id": self.year.id,
                "date_to": fields.Datetime.now() + timedelta(days=1)})
        with self.assertRaises(AccessError):
            self.as_user(self.operator_a, self.windows[0]).action_close()

    # ------------------------------------------------------------------ verification
    def test_verification_round_trip_creates_a_frozen_dpa(self):
        plan, activity = self.make_plan(volumes=(10,))
        line = activity.line_ids
        self.as_user(self.operator_a, plan).action_submit()
        self.assertEqual(plan.state, "submitted")
        # submitted: the SKPD can no longer change it
        with self.assertRaisesRegex(UserError, "has been submitted to TAPD"), self.env.cr.savepoint():
            self.as_user(self.operator_a, line).vol1 = 9
        # only a verifier writes notes and returns; returning needs a note
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.operator_a, self.env["eoffice.budget.plan.comment"]).create(
                {"line_id": line.id, "body": "x"})
        with self.assertRaisesRegex(UserError, "Write at least one verification note"), self.env.cr.savepoint():
            self.as_user(self.verifier, plan).action_return()
        note = self.as_user(self.verifier, self.env["eoffice.budget.plan.comment"]).create(
            {"line_id": line.id, "body": "Volume terlalu besar; cukup 8 rim."})
        # BPKAD cannot approve while a note is open
        with self.assertRaisesRegex(UserError, "1 open verification note"), self.env.cr.savepoint():
            self.as_user(self.bpkad, plan).action_approve()
        self.as_user(self.verifier, plan).action_return()
        self.assertEqual(plan.state, "returned")
        # the SKPD revises and resolves the note, then submits again
        self.as_user(self.operator_a, line).vol1 = 8
        self.as_user(self.operator_a, note).write({"answer": "Sudah dikurangi."})
        self.as_user(self.operator_a, note).action_resolve()
        self.assertEqual(note.state, "resolved")
        self.as_user(self.operator_a, plan).action_submit()
        # neither the operator nor a verifier approves; BPKAD does
        for user in (self.operator_a, self.verifier):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self.as_user(user, plan).action_approve()
        dpa = self.as_user(self.bpkad, plan).action_approve().with_env(self.env)
        self.assertEqual(plan.state, "approved")
        self.assertEqual((dpa.kind, dpa.version, dpa.state, dpa.source_plan_id), ("dpa", "murni", "approved", plan))
        self.assertEqual(dpa.total, 400000)
        self.assertEqual(dpa.line_ids.mapped("vol1"), [8])
        self.assertEqual(plan.dpa_id, dpa)
        self.assertTrue(dpa.pdf_file)
        pdf = base64.b64decode(dpa.pdf_file)
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = self._pdf_text(pdf)
        self.assertIn("DPA-SKPD", text)
        self.assertIn("9.01.01.2.01.0001", text)
        self.assertIn("400.000", text)
        self.assertIn("Kertas Uji", text)
        # messages in the chatter
        self.assertIn("Approved", " ".join(plan.message_ids.mapped("body")))

    def _pdf_text(self, pdf):
        import pypdfium2

        document = pypdfium2.PdfDocument(io.BytesIO(pdf))
        return "\n".join(document[i].get_textpage().get_text_bounded() for i in range(len(document)))

    def test_dpa_has_no_edit_path(self):
        plan, activity = self.make_plan(volumes=(10,))
        self.as_user(self.operator_a, plan).action_submit()
        dpa = self.as_user(self.bpkad, plan).action_approve().with_env(self.env)
        line, dpa_activity = dpa.line_ids, dpa.sub_kegiatan_ids
        admin = self.env.ref("base.user_admin")
        attempts = {
            "line write": lambda user: self.as_user(user, line).write({"vol1": 99}),
            "line price": lambda user: self.as_user(user, line).write({"unit_price": 1}),
            "line unlink": lambda user: self.as_user(user, line).unlink(),
            "line create": lambda user: self.add_line(dpa_activity, 1, user=user),
            "activity write": lambda user: self.as_user(user, dpa_activity).write({"target": 5}),
            "activity ceiling": lambda user: self.as_user(user, dpa_activity).write({"ceiling": 5}),
            "activity unlink": lambda user: self.as_user(user, dpa_activity).unlink(),
            "plan ceiling": lambda user: self.as_user(user, dpa).write({"ceiling": 1}),
            "plan state": lambda user: self.as_user(user, dpa).write({"state": "draft"}),
            "plan unlink": lambda user: self.as_user(user, dpa).unlink(),
            "rka line": lambda user: self.as_user(user, activity.line_ids).write({"vol1": 1}),
        }
        for user in (self.operator_a, self.bpkad, admin):
            for name, attempt in attempts.items():
                with self.subTest(user=user.login, attempt=name), \
                        self.assertRaises(UserError), self.env.cr.savepoint():
                    attempt(user)
        self.assertEqual((line.vol1, line.unit_price, dpa.total, dpa.state), (10, 50000, 500000, "approved"))

    def test_workflow_fields_cannot_be_written_directly(self):
        plan, _activity = self.make_plan()
        for vals in ({"state": "approved"}, {"kind": "dpa"}, {"approved_uid": self.operator_a.id}):
            with self.assertRaises(WorkflowError), self.env.cr.savepoint():
                self.as_user(self.operator_a, plan).write(vals)
        self.assertEqual(plan.state, "draft")

    def test_xlsx_export(self):
        plan, activity = self.make_plan(volumes=(10,))
        self.add_line(activity, 2, item=self.snack, account=self.meals)
        book = openpyxl.load_workbook(io.BytesIO(self.as_user(self.operator_a, plan)._render_xlsx()))
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        # the document is in Indonesian wherever the language is installed (as in the test database)
        indonesian = plan._report_lang() == "id_ID"
        self.assertEqual(rows[2][:3], ("Sub Kegiatan", "Rekening", "Barang Standar") if indonesian
                         else ("Sub Kegiatan", "Account", "Standard Item"))
        self.assertEqual([row[9] for row in rows[3:5]], [500000, 30000])
        self.assertEqual(rows[5][9], 530000)
        summary = {row[1]: row[3] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(summary["9.01.01"], 530000)

    # ------------------------------------------------------------------ anomalies
    def test_anomaly_flags_a_line_far_above_other_skpd(self):
        plan_a, activity_a = self.make_plan(volumes=(10, 12))
        plan_b, activity_b = self.make_plan(user=self.operator_b, volumes=(8,))
        glue = self.add_line(activity_b, 5000, user=self.operator_b)
        self.as_user(self.operator_b, plan_b).action_submit()
        self.assertTrue(glue.anomaly)
        self.assertIn("Volume 5.000 is", glue.anomaly_note)
        self.assertIn("median 11", glue.anomaly_note)
        self.assertEqual(plan_b.anomaly_count, 1)
        self.assertFalse((activity_b.line_ids - glue).anomaly)
        # an ordinary line stays unflagged
        self.as_user(self.operator_a, plan_a).action_submit()
        self.assertEqual(plan_a.anomaly_count, 0)
        # the verifier finds it in the lines filter
        flagged = self.as_user(self.verifier, self.env["eoffice.budget.plan.line"]).search([("anomaly", "=", True)])
        self.assertIn(glue, flagged)

    def test_too_few_lines_are_not_judged(self):
        _plan, activity = self.make_plan(volumes=(1,))
        line = self.add_line(activity, 1000)
        activity.plan_id._flag_anomalies()
        self.assertFalse(line.anomaly)  # two lines of the item in the year: no median to compare with

    # ------------------------------------------------------------------ code mapping
    def test_code_mapping_moves_a_plan_to_the_new_regulation(self):
        plan, activity = self.make_plan(volumes=(10,))
        new = self.env["eoffice.budget.regulation"].create({"name": "Kepmendagri Uji 2027", "date": "2027-01-02",
                                                            "previous_id": self.regulation.id})
        Code = self.env["eoffice.budget.code"]
        copies = {}
        for (kind, code), record in sorted(self.codes.items(), key=lambda pair: len(pair[0][1])):
            new_code = code.replace("9.01.01.2.01.0001", "9.01.01.2.01.0101")
            parts = new_code.split(".")
            parent = ".".join(parts[:3] if kind == "program" and len(parts) == 5 else parts[:-1])
            copies[(kind, code)] = Code.create({"kind": kind, "code": new_code, "name": record.name,
                                                "regulation_id": new.id,
                                                "parent_id": copies[(kind, parent)].id if parent else False})
        self.paper.account_ids |= copies[("account", self.atk.code)]
        self.year.regulation_id = new
        # no mapping yet for the renumbered sub kegiatan: refused, nothing changed
        with self.assertRaisesRegex(UserError, "9.01.01.2.01.0001"), self.env.cr.savepoint():
            self.as_user(self.operator_a, plan).action_apply_code_mapping()
        self.assertEqual(activity.sub_kegiatan_id, self.sub1)
        self.sub1.successor_ids = copies[("program", self.sub1.code)]
        self.as_user(self.operator_a, plan).action_apply_code_mapping()
        self.assertEqual(activity.sub_kegiatan_id.code, "9.01.01.2.01.0101")
        self.assertEqual(activity.sub_kegiatan_id.regulation_id, new)
        self.assertEqual(activity.line_ids.account_id, copies[("account", self.atk.code)])
        self.assertEqual(activity.program_id, copies[("program", "9.01.01")])
        # a successor must be of the same level and of another regulation
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.sub2.successor_ids = self.sub1
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.sub2.successor_ids = copies[("program", "9.01.01")]

    # ------------------------------------------------------------------ isolation
    def test_skpd_see_only_their_own_budget(self):
        plan_a, _activity_a = self.make_plan()
        plan_b, _activity_b = self.make_plan(user=self.operator_b)
        Plan, Line = self.env["eoffice.budget.plan"], self.env["eoffice.budget.plan.line"]
        self.assertEqual(self.as_user(self.operator_a, Plan).search([("fiscal_year_id", "=", self.year.id)]), plan_a)
        self.assertEqual(self.as_user(self.operator_a, Line).search([("fiscal_year_id", "=", self.year.id)]),
                         plan_a.line_ids)
        with self.assertRaises(AccessError):
            self.as_user(self.operator_a, plan_b).read(["total"])
        with self.assertRaises(AccessError):
            self.as_user(self.operator_a, plan_b.line_ids).write({"vol1": 2})
        next_year = self.env["eoffice.budget.fiscal.year"].create({"year": 2032})
        with self.assertRaises(AccessError):
            self.as_user(self.operator_a, Plan).create({"company_id": self.skpd_b.id,
                                                        "fiscal_year_id": next_year.id})
        # plain staff of the SKPD read but do not write
        staff = self.users_a["staff"]
        self.assertEqual(self.as_user(staff, Plan).search([("fiscal_year_id", "=", self.year.id)]), plan_a)
        with self.assertRaises(AccessError):
            self.as_user(staff, plan_a.line_ids).write({"vol1": 2})
        with self.assertRaises(AccessError):
            self.as_user(staff, plan_a).action_submit()
        # TAPD, BPKAD, executives and auditors see every SKPD; only TAPD/BPKAD act
        for user in (self.verifier, self.bpkad, self.executive, self.auditor):
            self.assertEqual(self.as_user(user, Plan).search([("fiscal_year_id", "=", self.year.id)]),
                             plan_a | plan_b, user.login)
        with self.assertRaises(AccessError):
            self.as_user(self.auditor, plan_a).ceiling = 5
        self.as_user(self.verifier, plan_b).ceiling = 5_000_000
