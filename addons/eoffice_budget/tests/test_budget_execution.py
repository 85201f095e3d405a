import base64
import io
import threading
import time

import openpyxl
import psycopg2
from freezegun import freeze_time

from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from .common import EofficeBudgetCase


class ExecutionCase(EofficeBudgetCase):
    def make_dpa(self, volumes=(10,), confirm=True, spd_month="12"):
        """A DPA of SKPD A (paper lines), its cash plan spread evenly and an SPD to the month."""
        plan, _activity = self.make_plan(volumes=volumes)
        self.as_user(self.operator_a, plan).action_submit()
        dpa = self.as_user(self.bpkad, plan).action_approve().with_env(self.env)
        if confirm:
            self.as_user(self.bpkad, dpa).action_cash_plan_spread()
            self.as_user(self.bpkad, dpa).action_confirm_cash_plan()
            if spd_month:
                spd = self.as_user(self.bpkad, self.env["eoffice.budget.spd"]).create({
                    "name": "SPD uji", "plan_id": dpa.id, "month_to": spd_month, "date": "2031-01-02"})
                spd.action_fill_from_cash_plan()
                spd.action_approve()
        return dpa

    def post(self, line, amount, user=None, date="2031-12-01", **values):
        return self.as_user(user or self.operator_a, self.env["eoffice.budget.realization"]).create({
            "line_id": line.id, "amount": amount, "date": date, "spm_number": "SPM-UJI", **values}).with_env(self.env)


@tagged("post_install", "-at_install")
class TestBudgetExecution(ExecutionCase):
    def test_live_switch_gates_plans_and_postings(self):
        dpa = self.make_dpa()
        self.skpd_a.eoffice_budget_live = False
        with self.assertRaisesRegex(UserError, "Budget is not live yet in Dinas Uji A"):
            self.post(dpa.line_ids[:1], 1000)
        self.skpd_b.eoffice_budget_live = False
        # the SKPD given by a context key
        with self.assertRaisesRegex(UserError, "Budget is not live yet in Dinas Uji B"):
            self.as_user(self.operator_b, self.env["eoffice.budget.plan"]).with_context(
                default_company_id=self.skpd_b.id).create({"fiscal_year_id": self.year.id})
        self.skpd_a.eoffice_budget_live = True
        self.assertEqual(self.post(dpa.line_ids[:1], 1000).company_id, self.skpd_a)

    def test_posting_pay_and_reversal(self):
        line = self.make_dpa().line_ids
        self.assertEqual((line.murni_amount, line.available_amount), (500000, 500000))
        entry = self.post(line, 100000)
        self.assertEqual((entry.state, line.committed_amount, line.available_amount), ("committed", 100000, 400000))
        # only BPKAD records the SP2D
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.post(line, 1000, state="paid", sp2d_number="X")
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.operator_a, entry).action_pay("SP2D-1")
        # plain staff of the SKPD read the ledger but cannot reverse a posting
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.users_a["staff"], entry).action_reverse("tidak berwenang")
        payment = self.as_user(self.bpkad, entry).action_pay("SP2D-1").with_env(self.env)
        # the SP2D is a new row that realises the commitment; the SPM row stays as it was
        self.assertEqual((payment.state, payment.commitment_id, payment.amount, payment.date, payment.spm_number),
                         ("paid", entry, 100000, entry.date, "SPM-UJI"))
        self.assertEqual((entry.state, entry.sp2d_number, entry.payment_ids), ("committed", False, payment))
        self.assertEqual((line.committed_amount, line.realized_amount), (0, 100000))
        self.assertEqual(line.activity_id.realized_amount, 100000)
        with self.assertRaisesRegex(UserError, "not reversed or paid"), self.env.cr.savepoint():
            self.as_user(self.bpkad, entry).action_pay("SP2D-2")
        # the ledger is append-only
        for user in (self.operator_a, self.bpkad):
            for row in (entry, payment):
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    self.as_user(user, row).write({"amount": 1})
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    self.as_user(user, row).unlink()
        # a realised posting is reversed by BPKAD only, with a reason, once
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.operator_a, entry).action_reverse("salah")
        with self.assertRaisesRegex(UserError, "reason"), self.env.cr.savepoint():
            self.as_user(self.bpkad, entry).action_reverse("")
        reversal = self.as_user(self.bpkad, entry).action_reverse("Nilai SP2D salah")
        self.assertEqual((reversal.amount, reversal.state, reversal.reversed_id), (-100000, "paid", entry))
        self.assertTrue(entry.is_reversed)
        self.assertEqual((line.realized_amount, line.available_amount), (0, 500000))
        with self.assertRaisesRegex(UserError, "already reversed"), self.env.cr.savepoint():
            self.as_user(self.bpkad, entry).action_reverse("lagi")
        self.assertTrue(payment.is_reversed)
        with self.assertRaisesRegex(UserError, "already reversed"), self.env.cr.savepoint():
            self.as_user(self.bpkad, payment).action_reverse("lagi")
        ledger = self.env["eoffice.budget.realization"].search([("line_id", "=", line.id)])
        self.assertEqual((len(ledger), sum(ledger.mapped("committed_delta")), sum(ledger.mapped("realized_delta"))),
                         (3, 0, 0))

    def test_overspending_the_line_is_refused_and_writes_nothing(self):
        line = self.make_dpa().line_ids
        self.post(line, 450000)
        message = "Rp 60.000 is more than is available on the line Kertas Uji: Rp 50.000"
        with self.assertRaisesRegex(UserError, message), self.env.cr.savepoint():
            self.post(line, 60000)
        self.assertEqual(self.env["eoffice.budget.realization"].search_count([("line_id", "=", line.id)]), 1)
        self.assertEqual(line.committed_amount, 450000)
        self.post(line, 50000)
        self.assertEqual(line.available_amount, 0)
        for amount in (0, -5):
            with self.assertRaisesRegex(UserError, "positive"), self.env.cr.savepoint():
                self.post(line, amount)

    def test_cash_plan_must_add_up_and_limits_postings_to_date(self):
        dpa = self.make_dpa(confirm=False)
        cash = dpa.cash_plan_line_ids
        self.assertEqual((len(cash), cash.dpa_amount, cash.total), (1, 500000, 0))
        with self.assertRaisesRegex(UserError, "not confirmed"), self.env.cr.savepoint():
            self.post(dpa.line_ids, 1000)
        self.as_user(self.operator_a, dpa).action_cash_plan_spread()
        self.assertEqual((cash.m01, cash.m12, cash.total), (41666, 41674, 500000))
        # edited from the DPA form, as the web client does
        self.as_user(self.operator_a, dpa).write({"cash_plan_line_ids": [(1, cash.id, {"m01": 50000})]})
        self.assertEqual(cash.m01, 50000)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.as_user(self.operator_a, dpa).write({"cash_plan_line_ids": [(1, cash.id, {"account_id": 1})]})
        with self.assertRaisesRegex(UserError, "must add up to the DPA"), self.env.cr.savepoint():
            self.as_user(self.bpkad, dpa).action_confirm_cash_plan()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.operator_a, dpa).action_confirm_cash_plan()
        self.as_user(self.operator_a, cash).m12 = 500000 - 50000 - 41666 * 10
        self.as_user(self.bpkad, dpa).action_confirm_cash_plan()
        with self.assertRaisesRegex(UserError, "confirmed"), self.env.cr.savepoint():
            self.as_user(self.operator_a, cash).m02 = 1
        spd = self.as_user(self.bpkad, self.env["eoffice.budget.spd"]).create({
            "name": "SPD uji", "plan_id": dpa.id, "month_to": "12"})
        spd.action_fill_from_cash_plan()
        spd.action_approve()
        # January: 50.000 planned
        with self.assertRaisesRegex(UserError, "would exceed the cash plan of 9.01.01.2.01.0001 5.1.02.01.01.0024"), \
                self.env.cr.savepoint():
            self.post(dpa.line_ids, 50001, date="2031-01-20")
        self.post(dpa.line_ids, 50000, date="2031-01-20")
        self.post(dpa.line_ids, 41666, date="2031-02-20")
        with self.assertRaisesRegex(UserError, "cash plan"), self.env.cr.savepoint():
            self.post(dpa.line_ids, 1, date="2031-02-21")
        with self.assertRaisesRegex(UserError, f"must fall in {self.year.name}"), self.env.cr.savepoint():
            self.post(dpa.line_ids, 1, date="2032-01-05")

    def test_spd_limits_postings_and_stays_within_the_cash_plan(self):
        dpa = self.make_dpa(spd_month=None)
        line = dpa.line_ids
        with self.assertRaisesRegex(UserError, "would exceed the SPD"), self.env.cr.savepoint():
            self.post(line, 1000, date="2031-03-10")
        Spd = self.as_user(self.bpkad, self.env["eoffice.budget.spd"])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.operator_a, self.env["eoffice.budget.spd"]).create(
                {"name": "x", "plan_id": dpa.id, "month_to": "3"})
        first = Spd.create({"name": "SPD-1", "plan_id": dpa.id, "month_to": "3",
                            "line_ids": [(0, 0, {"activity_id": line.activity_id.id, "amount": 100000})]})
        first.action_approve()
        self.post(line, 100000, date="2031-03-10")
        with self.assertRaisesRegex(UserError, "Rp 1 would exceed the SPD of sub kegiatan 9.01.01.2.01.0001"), \
                self.env.cr.savepoint():
            self.post(line, 1, date="2031-03-10")
        # to March the cash plan holds 124.998: a second SPD of 100.000 would pass it
        second = Spd.create({"name": "SPD-2", "plan_id": dpa.id, "month_to": "3",
                             "line_ids": [(0, 0, {"activity_id": line.activity_id.id, "amount": 100000})]})
        with self.assertRaisesRegex(UserError, "more than its cash plan to month 3"), self.env.cr.savepoint():
            second.action_approve()
        self.assertEqual(second.state, "draft")
        second.write({"month_to": "6"})
        second.action_approve()
        self.assertEqual(line.activity_id.spd_amount, 200000)
        with self.assertRaisesRegex(UserError, "can no longer be changed"), self.env.cr.savepoint():
            second.write({"name": "x"})

    def test_the_cash_plan_follows_a_revision_in_the_same_transaction(self):
        """After a pergeseran, the cash plan respread and confirmed adds up to the new DPA amounts
        (the DPA amount of a row was once read stale within the transaction of the revision)."""
        plan, activity = self.make_plan(volumes=(10,))
        self.add_line(activity, 20, item=self.snack, account=self.meals)
        self.as_user(self.operator_a, plan).action_submit()
        dpa = self.as_user(self.bpkad, plan).action_approve().with_env(self.env)
        self.as_user(self.bpkad, dpa).action_cash_plan_spread()
        self.as_user(self.bpkad, dpa).action_confirm_cash_plan()
        paper = dpa.line_ids.filtered(lambda line: line.account_id == self.atk)
        snack = dpa.line_ids.filtered(lambda line: line.account_id == self.meals)
        # three rims of paper (Rp 150.000) move to ten boxes of snacks: two cash plan rows change
        revision = self.as_user(self.operator_a, self.env["eoffice.budget.revision"]).create({
            "name": "Pergeseran uji", "kind": "pergeseran", "plan_id": dpa.id, "reason": "uji",
            "line_ids": [(0, 0, {"line_id": paper.id, "new_vol1": paper.vol1 - 3, "new_unit_price": paper.unit_price}),
                         (0, 0, {"line_id": snack.id, "new_vol1": snack.vol1 + 10,
                                 "new_unit_price": snack.unit_price})]})
        revision.action_submit()
        revision = self.as_user(self.bpkad, revision)
        revision.write({"minutes_file": base64.b64encode(b"%PDF-1.4 berita acara"), "minutes_filename": "ba.pdf"})
        revision.action_approve()
        self.as_user(self.bpkad, dpa).action_cash_plan_spread()
        self.as_user(self.bpkad, dpa).action_confirm_cash_plan()
        self.env.invalidate_all()
        self.assertEqual([row.difference for row in dpa.cash_plan_line_ids], [0] * len(dpa.cash_plan_line_ids))

    def test_postable_today_is_what_can_be_posted(self):
        """The operator sees what a posting dated today can take, and which limit binds."""
        dpa = self.make_dpa(confirm=False)
        line = dpa.line_ids
        self.assertEqual((line.available_amount, line.postable_amount, line.postable_limit), (500000, 0, "cash_plan"))
        self.as_user(self.bpkad, dpa).action_cash_plan_spread()
        self.as_user(self.bpkad, dpa).action_confirm_cash_plan()
        # before its fiscal year nothing is postable today
        self.env.invalidate_all()
        self.assertEqual((line.postable_amount, line.postable_limit), (0, "cash_plan"))
        Spd = self.as_user(self.bpkad, self.env["eoffice.budget.spd"])
        Spd.create({"name": "SPD-1", "plan_id": dpa.id, "month_to": "3",
                    "line_ids": [(0, 0, {"activity_id": line.activity_id.id, "amount": 100000})]}).action_approve()
        with freeze_time("2031-03-15"):
            self.env.invalidate_all()
            self.assertEqual((line.available_amount, line.postable_amount, line.postable_limit),
                             (500000, 100000, "spd"))
            self.post(line, 60000, date="2031-03-15")
            Spd.create({"name": "SPD-2", "plan_id": dpa.id, "month_to": "12",
                        "line_ids": [(0, 0, {"activity_id": line.activity_id.id, "amount": 400000})]}).action_approve()
            self.env.invalidate_all()
            # to March the cash plan holds 124.998, of which 60.000 is posted
            self.assertEqual((line.postable_amount, line.postable_limit), (64998, "cash_plan"))
            posting = self.as_user(self.operator_a, self.env["eoffice.budget.realization"]).new({"line_id": line.id})
            self.assertEqual((posting.line_postable_amount, posting.line_postable_limit), (64998, "cash_plan"))
            with self.assertRaisesRegex(UserError, "cash plan"), self.env.cr.savepoint():
                self.post(line, 64999, date="2031-03-15")
            self.post(line, 64998, date="2031-03-15")
            self.env.invalidate_all()
            self.assertEqual(line.postable_amount, 0)
        with freeze_time("2031-12-20"):
            self.env.invalidate_all()
            self.assertEqual((line.available_amount, line.postable_amount, line.postable_limit),
                             (375002, 375002, "line"))

    def test_revision_shows_the_diff_and_keeps_murni(self):
        plan, activity = self.make_plan(volumes=(10,))
        self.add_line(activity, 10, item=self.snack, account=self.meals)
        self.as_user(self.operator_a, plan).action_submit()
        dpa = self.as_user(self.bpkad, plan).action_approve().with_env(self.env)
        self.as_user(self.bpkad, dpa).action_cash_plan_spread()
        self.as_user(self.bpkad, dpa).action_confirm_cash_plan()
        paper = dpa.line_ids.filtered(lambda line: line.item_id == self.paper)
        snack = dpa.line_ids - paper
        Revision = self.as_user(self.operator_a, self.env["eoffice.budget.revision"])

        def shift(paper_volume, snack_volume, kind="pergeseran"):
            return Revision.create({"name": "Pergeseran uji", "kind": kind, "plan_id": dpa.id, "reason": "uji",
                                    "line_ids": [
                                        (0, 0, {"line_id": paper.id, "new_vol1": paper_volume,
                                                "new_unit_price": 50000}),
                                        (0, 0, {"line_id": snack.id, "new_vol1": snack_volume,
                                                "new_unit_price": 15000})]})

        unbalanced = shift(7, 11)
        with self.assertRaisesRegex(ValidationError, "keeps the total"), self.env.cr.savepoint():
            unbalanced.action_submit()
        revision = shift(7, 20)  # -150.000 on paper, +150.000 on snacks
        self.assertEqual(revision.line_ids.mapped("delta"), [-150000, 150000])
        revision.action_submit()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            revision.action_approve()
        bpkad_revision = self.as_user(self.bpkad, revision)
        with self.assertRaisesRegex(UserError, "signed minutes"), self.env.cr.savepoint():
            bpkad_revision.action_approve()
        bpkad_revision.write({"minutes_file": base64.b64encode(b"%PDF-1.4 berita acara"),
                              "minutes_filename": "ba.pdf"})
        bpkad_revision.action_approve()
        self.assertEqual((paper.amount, snack.amount), (350000, 300000))
        self.assertEqual((paper.murni_amount, snack.murni_amount), (500000, 150000))
        self.assertEqual(dpa.total, 650000)
        before_after = [(change.old_amount, change.new_amount, change.murni_amount) for change in revision.line_ids]
        self.assertEqual(before_after, [(500000, 350000, 500000), (150000, 300000, 150000)])
        # the cash plan must follow the new amounts before anything more is posted
        self.assertEqual(dpa.cash_plan_state, "draft")
        with self.assertRaisesRegex(UserError, "not confirmed"), self.env.cr.savepoint():
            self.post(paper, 1000)
        self.assertIn("approved", " ".join(dpa.message_ids.mapped("body")))
        with self.assertRaisesRegex(UserError, "can no longer be changed"), self.env.cr.savepoint():
            bpkad_revision.write({"reason": "x"})

    def test_revision_cannot_go_below_what_is_spent_and_perubahan_adds_lines(self):
        dpa = self.make_dpa()
        paper = dpa.line_ids
        self.post(paper, 400000)
        Revision = self.as_user(self.operator_a, self.env["eoffice.budget.revision"])
        cut = Revision.create({"name": "APBD-P", "kind": "perubahan", "plan_id": dpa.id, "reason": "uji",
                               "minutes_file": base64.b64encode(b"%PDF"), "minutes_filename": "ba.pdf",
                               "line_ids": [(0, 0, {"line_id": paper.id, "new_vol1": 7, "new_unit_price": 50000})]})
        cut.action_submit()
        with self.assertRaisesRegex(UserError, "cannot go below what is already committed"), self.env.cr.savepoint():
            self.as_user(self.bpkad, cut).action_approve()
        grow = Revision.create({"name": "APBD-P 2", "kind": "perubahan", "plan_id": dpa.id, "reason": "uji",
                                "minutes_file": base64.b64encode(b"%PDF"), "minutes_filename": "ba.pdf",
                                "line_ids": [
                                    (0, 0, {"line_id": paper.id, "new_vol1": 12, "new_unit_price": 50000}),
                                    (0, 0, {"activity_id": paper.activity_id.id, "account_id": self.meals.id,
                                            "item_id": self.snack.id, "description": "Kudapan rapat APBD-P",
                                            "new_vol1": 4, "new_unit_price": 15000})]})
        grow.action_submit()
        self.as_user(self.bpkad, grow).action_approve()
        self.assertEqual(dpa.version, "perubahan")
        self.assertEqual(dpa.total, 600000 + 60000)
        new_line = grow.line_ids[1].line_id
        self.assertEqual((new_line.amount, new_line.murni_amount), (60000, 0))
        self.assertEqual(len(dpa.cash_plan_line_ids), 2)  # a row for the new account

    def test_sakip_achievement_including_lower_is_better(self):
        dpa = self.make_dpa()
        self.post(dpa.line_ids, 125000, user=self.bpkad, state="paid", sp2d_number="SP2D-S")
        Indicator = self.as_user(self.operator_a, self.env["eoffice.budget.indicator"])
        higher = Indicator.create({"name": "Indeks SPBE", "company_id": self.skpd_a.id, "fiscal_year_id": self.year.id,
                                   "uom": "indeks", "target": 3.0, "target_q1": 2.5,
                                   "realization_ids": [(0, 0, {"quarter": "1", "value": 2.0}),
                                                       (0, 0, {"quarter": "2", "value": 2.7})]})
        self.assertAlmostEqual(higher.achievement, 90.0)
        self.assertAlmostEqual(higher.realization_ids[0].achievement, 80.0)
        lower = Indicator.create({"name": "Angka kematian ibu", "company_id": self.skpd_a.id,
                                  "fiscal_year_id": self.year.id, "uom": "per 100.000", "direction": "lower",
                                  "target": 90, "realization_ids": [(0, 0, {"quarter": "1", "value": 120})]})
        self.assertAlmostEqual(lower.achievement, 75.0)  # 90 ÷ 120: more deaths than targeted
        lower.realization_ids[0].value = 60
        self.assertAlmostEqual(lower.achievement, 150.0)
        program = Indicator.create({"name": "Program", "company_id": self.skpd_a.id, "fiscal_year_id": self.year.id,
                                    "level": "program", "code_id": self.codes[("program", "9.01.01")].id, "uom": "%",
                                    "target": 100})
        self.assertAlmostEqual(higher.absorption, 25.0)  # 125.000 of 500.000 realised
        self.assertAlmostEqual(program.absorption, 25.0)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Indicator.create({"name": "x", "company_id": self.skpd_a.id, "fiscal_year_id": self.year.id,
                              "level": "kegiatan", "uom": "x", "target": 1})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.operator_b, higher).write({"target": 1})

    def test_skpd_isolation_of_execution(self):
        line = self.make_dpa().line_ids
        entry = self.post(line, 1000)
        Realization = self.env["eoffice.budget.realization"]
        self.assertFalse(self.as_user(self.operator_b, Realization).search([("id", "=", entry.id)]))
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_user(self.operator_b, entry).read(["amount"])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.post(line, 1000, user=self.operator_b)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.post(line, 1000, user=self.auditor)
        for user in (self.auditor, self.executive, self.verifier):
            self.assertEqual(self.as_user(user, Realization).search([("id", "=", entry.id)]), entry)
        self.assertEqual(line.committed_amount, 1000)

    def test_exchange_export_and_idempotent_import(self):
        dpa = self.make_dpa()
        line = dpa.line_ids
        wizard = self.as_user(self.bpkad, self.env["eoffice.budget.exchange"]).create({"fiscal_year_id": self.year.id})
        action = wizard.action_export_plan()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        text = attachment.raw.decode("utf-8-sig")
        self.assertIn("kode_skpd;nama_skpd;kode_sub_kegiatan", text)
        self.assertIn("9.99.0.00.0.00.01.0000;Dinas Uji A;9.01.01.2.01.0001", text)
        csv_rows = "\n".join([
            "kode_skpd;kode_sub_kegiatan;kode_rekening;kode_standar;tanggal;nomor_spm;nomor_sp2d;nilai",
            "9.99.0.00.0.00.01.0000;9.01.01.2.01.0001;5.1.02.01.01.0024;U.1;2031-11-02;SPM-7;SP2D-7;120.000",
            "9.99.0.00.0.00.01.0000;9.01.01.2.01.0001;5.1.02.01.01.0024;U.1;2031-11-03;SPM-8;;30000",
            ""])

        def importer(content):
            return self.as_user(self.bpkad, self.env["eoffice.budget.exchange"]).create({
                "fiscal_year_id": self.year.id, "file": base64.b64encode(content.encode()), "filename": "r.csv"})

        check = importer(csv_rows)
        check.action_check()
        self.assertIn("postings to make: 2", check.report)
        self.assertEqual(line.realized_amount, 0)
        importer(csv_rows).action_import()
        self.assertEqual((line.realized_amount, line.committed_amount), (120000, 30000))
        importer(csv_rows.replace("SPM-8;;", "SPM-8;SP2D-8;")).action_import()  # SP2D-7 is skipped
        self.assertEqual(line.realized_amount, 150000)
        bad = importer(csv_rows.replace("U.1;2031-11-02", "U.9;2031-11-02").replace("30000", "999999999"))
        with self.assertRaisesRegex(UserError, f"No DPA line of {self.year.name} matches"), self.env.cr.savepoint():
            bad.action_import()
        with self.assertRaisesRegex(UserError, "more than is available"), self.env.cr.savepoint():
            importer(csv_rows.replace("SP2D-7", "SP2D-9").replace("120.000", "400.000")).action_import()
        self.assertEqual(line.realized_amount, 150000)  # nothing half-imported
        lra = wizard.action_export_lra()
        book = openpyxl.load_workbook(io.BytesIO(self.env["ir.attachment"].browse(
            int(lra["url"].split("/")[3].split("?")[0])).raw))
        rows = {(row[0], row[1]): row for row in book.active.iter_rows(min_row=4, values_only=True) if row[1]}
        self.assertEqual(rows[("Dinas Uji A", "5.1.02")][3:6], (500000, 150000, 350000))


@tagged("post_install", "-at_install")
class TestConcurrentPostings(TransactionCase):
    """Twenty postings from their own database connections race for the last rupiah of a line.

    Not an EofficeBudgetCase: the DPA must be committed to be seen by the other connections."""

    RACERS = 20
    AMOUNT = 30000  # 16 postings fit in the line's 500.000

    def test_racing_postings_post_exactly_what_fits(self):
        registry = Registry(self.env.cr.dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self._purge(env)
            line_id = self._committed_dpa_line(env)
            cr.commit()
        try:
            barrier = threading.Barrier(self.RACERS)
            outcomes, errors = [], []

            def post(index):
                try:
                    barrier.wait(timeout=60)
                    for _attempt in range(100):
                        with registry.cursor() as cr:
                            cr.transaction = api.Transaction(registry)
                            env = api.Environment(cr, api.SUPERUSER_ID, {})
                            try:
                                env["eoffice.budget.realization"].create({
                                    "line_id": line_id, "amount": self.AMOUNT, "date": "2039-12-01",
                                    "spm_number": f"SPM-RACE-{index}"})
                                cr.commit()
                                outcomes.append("posted")
                                return
                            except UserError:
                                cr.rollback()
                                outcomes.append("refused")
                                return
                            except psycopg2.errors.SerializationFailure:
                                cr.rollback()  # another posting got there first: try again, as Odoo's RPC does
                        time.sleep(0.01 * (index % 5))
                    errors.append(f"racer {index} never got through")
                except Exception as err:  # noqa: BLE001 - reported by the assertion below
                    errors.append(repr(err))

            with mute_logger("odoo.sql_db"):
                threads = [threading.Thread(target=post, args=(i,)) for i in range(self.RACERS)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=300)
            self.assertFalse(errors)
            self.assertEqual((outcomes.count("posted"), outcomes.count("refused")), (16, 4))
            with registry.cursor() as cr:
                cr.execute("SELECT count(*), sum(amount) FROM eoffice_budget_realization WHERE line_id = %s",
                           [line_id])
                self.assertEqual(cr.fetchone(), (16, 480000))
                cr.execute("""SELECT l.committed_amount, a.committed_amount FROM eoffice_budget_plan_line l
                              JOIN eoffice_budget_plan_activity a ON a.id = l.activity_id WHERE l.id = %s""",
                           [line_id])
                self.assertEqual(cr.fetchone(), (480000, 480000))
        finally:
            with registry.cursor() as cr:
                self._purge(api.Environment(cr, api.SUPERUSER_ID, {}))
                cr.commit()

    @staticmethod
    def _committed_dpa_line(env):
        """A DPA line of 500.000 with its cash plan and SPD for the whole year (made as superuser)."""
        regulation = env["eoffice.budget.regulation"].create({"name": "Regulasi Uji Serentak", "date": "2038-01-01"})
        year = env["eoffice.budget.fiscal.year"].create({"year": 2039, "regulation_id": regulation.id})
        Code = env["eoffice.budget.code"]
        parent = False
        for code in ("8", "8.01", "8.01.01"):
            parent = Code.create({"kind": "program", "code": code, "name": code, "regulation_id": regulation.id,
                                  "parent_id": parent and parent.id})
        kegiatan = Code.create({"kind": "program", "code": "8.01.01.2.01", "name": "k", "parent_id": parent.id,
                                "regulation_id": regulation.id})
        sub = Code.create({"kind": "program", "code": "8.01.01.2.01.0001", "name": "s", "parent_id": kegiatan.id,
                           "regulation_id": regulation.id})
        account = False
        for code in ("5", "5.1", "5.1.02", "5.1.02.01", "5.1.02.01.01", "5.1.02.01.01.0024"):
            account = Code.create({"kind": "account", "code": code, "name": code, "regulation_id": regulation.id,
                                   "parent_id": account and account.id})
        item = env["eoffice.budget.price.item"].create({"code": "RACE", "name": "Kertas", "uom": "Rim",
                                                        "price": 50000, "fiscal_year_id": year.id,
                                                        "account_ids": [(6, 0, account.ids)]})
        skpd = env["res.company"].search([("name", "=", "Dinas Uji Serentak Anggaran")]) or env["res.company"].create({
            "name": "Dinas Uji Serentak Anggaran", "is_skpd": True, "parent_id": env.ref("base.main_company").id})
        rka = env["eoffice.budget.plan"].create({"company_id": skpd.id, "fiscal_year_id": year.id})
        activity = env["eoffice.budget.plan.activity"].create({"plan_id": rka.id, "sub_kegiatan_id": sub.id})
        env["eoffice.budget.plan.line"].create({"activity_id": activity.id, "account_id": account.id,
                                                "item_id": item.id, "vol1": 10})
        rka.action_submit()
        dpa = rka.action_approve()
        dpa.action_cash_plan_spread()
        dpa.action_confirm_cash_plan()
        spd = env["eoffice.budget.spd"].create({"name": "SPD serentak", "plan_id": dpa.id, "month_to": "12"})
        spd.action_fill_from_cash_plan()
        spd.action_approve()
        return dpa.line_ids.id

    @staticmethod
    def _purge(env):
        """Remove what the test committed (SQL, children first), so that later tests see the database as it was."""
        env.cr.execute("SELECT id, regulation_id FROM eoffice_budget_fiscal_year WHERE year = 2039")
        row = env.cr.fetchone()
        if not row:
            return
        year_id, regulation_id = row
        plans = "SELECT id FROM eoffice_budget_plan WHERE fiscal_year_id = %(year)s"
        for statement in (
            f"DELETE FROM eoffice_budget_realization WHERE plan_id IN ({plans})",
            f"DELETE FROM eoffice_budget_spd WHERE plan_id IN ({plans})",
            f"DELETE FROM eoffice_budget_cash_plan_line WHERE plan_id IN ({plans})",
            f"DELETE FROM eoffice_budget_plan_line WHERE plan_id IN ({plans})",
            f"DELETE FROM eoffice_budget_plan_activity WHERE plan_id IN ({plans})",
            "DELETE FROM eoffice_budget_plan WHERE fiscal_year_id = %(year)s AND kind = 'dpa'",
            "DELETE FROM eoffice_budget_plan WHERE fiscal_year_id = %(year)s",
            "DELETE FROM eoffice_budget_price_item WHERE fiscal_year_id = %(year)s",
            "DELETE FROM eoffice_budget_fiscal_year WHERE id = %(year)s",
            "DELETE FROM eoffice_budget_code WHERE regulation_id = %(regulation)s",
            "DELETE FROM eoffice_budget_regulation WHERE id = %(regulation)s",
        ):
            env.cr.execute(statement, {"year": year_id, "regulation": regulation_id})
        env.invalidate_all()
