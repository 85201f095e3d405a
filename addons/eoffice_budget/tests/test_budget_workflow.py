"""The workflow of every budget document is enforced by the server: a client (whatever its group and
whatever context keys it sends) writes only what the state allows, creates only in an initial state,
deletes only drafts, and never changes or deletes a row of the realisation ledger."""

import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_budget_execution import ExecutionCase

# context keys a forger might hope the server trusts
ODD = {"eoffice_workflow": True, "install_mode": True, "tracking_disable": True, "eoffice_budget_import": True}
BUDGET_WORKFLOW_MODELS = [
    "eoffice.budget.plan", "eoffice.budget.plan.activity", "eoffice.budget.plan.line", "eoffice.budget.plan.comment",
    "eoffice.budget.price.proposal", "eoffice.budget.realization", "eoffice.budget.revision",
    "eoffice.budget.revision.line", "eoffice.budget.spd", "eoffice.budget.spd.line", "eoffice.budget.cash.plan.line",
    "eoffice.budget.indicator", "eoffice.budget.indicator.realization",
]


@tagged("post_install", "-at_install")
class TestBudgetWorkflowGuard(ExecutionCase):
    def forger(self, user, record):
        return self.as_user(user, record).with_context(**ODD)

    def assert_refused(self, attempt, *records, fields=()):
        """The attempt is refused with a message and leaves the records as they were."""
        def snapshot():
            self.env.invalidate_all()
            return [record.read(list(fields) or [
                name for name, field in record._fields.items()
                if field.store and field.type not in ("one2many", "many2many", "binary")
                and name not in ("write_uid", "write_date")]) for record in records]

        before = snapshot()
        with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
            attempt()
        self.assertTrue(str(caught.exception.args[0]))
        self.assertEqual(snapshot(), before)

    def test_every_budget_model_is_on_the_workflow_mixin_and_declares_its_fields(self):
        for name in BUDGET_WORKFLOW_MODELS:
            model = self.env[name]
            self.assertIn(name, self.env.registry["eoffice.workflow.mixin"]._inherit_children)
            self.assertEqual(model._workflow_undeclared_fields(), [], name)

    def test_plan_workflow_fields_are_refused_with_odd_context(self):
        plan, activity = self.make_plan()
        line = activity.line_ids
        for user in (self.operator_a, self.verifier, self.bpkad):
            for vals in ({"state": "approved"}, {"kind": "dpa"}, {"version": "perubahan"},
                         {"approved_uid": user.id}, {"submitted_date": "2031-01-01 00:00:00"},
                         {"pdf_file": base64.b64encode(b"%PDF forged")}, {"cash_plan_state": "confirmed"},
                         {"source_plan_id": plan.id}):
                with self.subTest(user=user.login, vals=vals):
                    self.assert_refused(lambda vals=vals, user=user: self.forger(user, plan).write(vals), plan)
            self.assert_refused(lambda user=user: self.forger(user, line).write({"anomaly": True,
                                                                                 "anomaly_note": "x"}), line)
        # nor created past its first state, nor with what only the workflow sets
        Plan = self.forger(self.operator_b, self.env["eoffice.budget.plan"])
        for vals in ({"state": "approved"}, {"kind": "dpa"}, {"source_plan_id": plan.id},
                     {"approved_uid": self.operator_b.id}):
            with self.subTest(vals=vals), self.assertRaises(UserError), self.env.cr.savepoint():
                Plan.create({"company_id": self.skpd_b.id, "fiscal_year_id": self.year.id, **vals})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.forger(self.operator_b, self.env["eoffice.budget.plan"]).with_context(default_state="approved") \
                .create({"company_id": self.skpd_b.id, "fiscal_year_id": self.year.id})
        self.assertFalse(self.env["eoffice.budget.plan"].search([("company_id", "=", self.skpd_b.id),
                                                                 ("fiscal_year_id", "=", self.year.id)]))

    def test_submitted_rka_and_dpa_cannot_be_edited_or_deleted(self):
        plan, activity = self.make_plan()
        line = activity.line_ids
        self.as_user(self.operator_a, plan).action_submit()
        for user in (self.operator_a, self.bpkad):
            self.assert_refused(lambda user=user: self.forger(user, line).write({"vol1": 1}), line)
            self.assert_refused(lambda user=user: self.forger(user, activity).write({"target": 9}), activity)
            self.assert_refused(lambda user=user: self.forger(user, plan).unlink(), plan)
            self.assert_refused(lambda user=user: self.forger(user, line).unlink(), line)
        dpa = self.as_user(self.bpkad, plan).action_approve().with_env(self.env)
        for user in (self.operator_a, self.verifier, self.bpkad):
            self.assert_refused(lambda user=user: self.forger(user, dpa).unlink(), dpa)
            self.assert_refused(lambda user=user: self.forger(user, dpa).write({"ceiling": 1}), dpa)
            self.assert_refused(lambda user=user: self.forger(user, dpa.line_ids).write({"unit_price": 1}),
                                dpa.line_ids)
            self.assert_refused(lambda user=user: self.forger(user, dpa.sub_kegiatan_ids).write({"ceiling": 1}),
                                dpa.sub_kegiatan_ids)
        self.assertEqual((dpa.total, plan.state, dpa.state), (500000, "approved", "approved"))

    def test_verification_notes_move_only_by_their_buttons(self):
        plan, activity = self.make_plan()
        self.as_user(self.operator_a, plan).action_submit()
        note = self.as_user(self.verifier, self.env["eoffice.budget.plan.comment"]).create(
            {"line_id": activity.line_ids.id, "body": "Periksa volume."}).with_env(self.env)
        for user in (self.operator_a, self.verifier):
            self.assert_refused(lambda user=user: self.forger(user, note).write({"state": "resolved"}), note)
            self.assert_refused(lambda user=user: self.forger(user, note).write({"author_id": self.bpkad.id}), note)
            self.assert_refused(lambda user=user: self.forger(user, note).unlink(), note)
        self.assertEqual(note.state, "open")
        # the author given as what the workflow would put anyway is no forgery; anyone else is
        Comment = self.as_user(self.verifier, self.env["eoffice.budget.plan.comment"])
        own = Comment.create({"line_id": activity.line_ids.id, "body": "Cek harga.", "author_id": self.verifier.id})
        self.assertEqual(own.sudo().author_id, self.verifier)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            Comment.create({"line_id": activity.line_ids.id, "body": "Palsu.", "author_id": self.bpkad.id})

    def test_cash_plan_spd_revision_and_proposal_states_are_the_workflows(self):
        dpa = self.make_dpa()
        cash = dpa.cash_plan_line_ids
        self.assert_refused(lambda: self.forger(self.operator_a, cash).write({"m01": 1}), cash)
        self.assert_refused(lambda: self.forger(self.bpkad, dpa).write({"cash_plan_state": "draft"}), dpa)
        spd = self.env["eoffice.budget.spd"].search([("plan_id", "=", dpa.id)])
        self.assert_refused(lambda: self.forger(self.bpkad, spd.line_ids).write({"amount": 1}), spd.line_ids)
        self.assert_refused(lambda: self.forger(self.bpkad, spd).unlink(), spd)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.forger(self.bpkad, self.env["eoffice.budget.spd"]).create(
                {"name": "SPD palsu", "plan_id": dpa.id, "month_to": "12", "state": "approved"})
        Revision = self.forger(self.operator_a, self.env["eoffice.budget.revision"])
        with self.assertRaises(UserError), self.env.cr.savepoint():
            Revision.create({"name": "x", "plan_id": dpa.id, "reason": "x", "state": "approved"})
        revision = Revision.create({"name": "Pergeseran", "plan_id": dpa.id, "reason": "uji", "line_ids": [
            (0, 0, {"line_id": dpa.line_ids.id, "new_vol1": 10, "new_unit_price": 50000})]}).with_env(self.env)
        for vals in ({"state": "approved"}, {"approved_uid": self.operator_a.id}):
            self.assert_refused(lambda vals=vals: self.forger(self.bpkad, revision).write(vals), revision)
        self.as_user(self.operator_a, revision).action_submit()
        self.assert_refused(lambda: self.forger(self.operator_a, revision.line_ids).write({"new_vol1": 1}),
                            revision.line_ids)
        self.assert_refused(lambda: self.forger(self.operator_a, revision).write({"reason": "lain"}), revision)
        self.assert_refused(lambda: self.forger(self.operator_a, revision).unlink(), revision)
        proposal = self.forger(self.operator_a, self.env["eoffice.budget.price.proposal"])
        for vals in ({"state": "approved"}, {"item_id": self.paper.id}):
            with self.subTest(vals=vals), self.assertRaises(UserError), self.env.cr.savepoint():
                proposal.create({"name": "x", "uom": "x", "price": 1, "fiscal_year_id": self.year.id,
                                 "account_ids": [(6, 0, self.atk.ids)], "justification": "x", **vals})

    def test_realisation_rows_never_change_nor_disappear(self):
        line = self.make_dpa().line_ids
        entry = self.post(line, 100000)
        payment = self.as_user(self.bpkad, entry).action_pay("SP2D-1").with_env(self.env)
        figures = ["committed_amount", "realized_amount", "available_amount"]
        for user in (self.operator_a, self.bpkad):
            for row in (entry, payment):
                for vals in ({"amount": 1}, {"state": "paid"}, {"sp2d_number": "SP2D-PALSU"}, {"date": "2031-01-01"},
                             {"line_id": line.id}, {"commitment_id": False}, {"reversed_id": entry.id},
                             {"description": "diubah"}, {"committed_delta": 0}):
                    with self.subTest(user=user.login, row=row.name, vals=vals):
                        self.assert_refused(lambda row=row, user=user, vals=vals: self.forger(user, row).write(vals),
                                            entry, payment)
                self.assert_refused(lambda row=row, user=user: self.forger(user, row).unlink(), entry, payment)
        # an SP2D or a reversal is not forged by creating its row
        Realization = self.forger(self.bpkad, self.env["eoffice.budget.realization"])
        for vals in ({"commitment_id": entry.id, "state": "paid"}, {"reversed_id": entry.id},
                     {"committed_delta": -100000}, {"reason": "x"}):
            with self.subTest(vals=vals), self.assertRaises(UserError), self.env.cr.savepoint():
                Realization.create({"line_id": line.id, "amount": 1000, "date": "2031-12-01", **vals})
        self.assertEqual(line.read(figures)[0], {"id": line.id, "committed_amount": 0, "realized_amount": 100000,
                                                 "available_amount": 400000})
        self.assertEqual(self.env["eoffice.budget.realization"].search_count([("line_id", "=", line.id)]), 2)

    def test_paid_commitment_export_is_one_posting(self):
        line = self.make_dpa().line_ids
        entry = self.post(line, 100000)
        self.as_user(self.bpkad, entry).action_pay("SP2D-9", "2031-12-05")
        self.post(line, 20000, spm_number="SPM-2")
        wizard = self.as_user(self.bpkad, self.env["eoffice.budget.exchange"]).create({"fiscal_year_id": self.year.id})
        action = wizard.action_export_realization()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        rows = attachment.raw.decode("utf-8-sig").strip().splitlines()[1:]
        self.assertEqual(len(rows), 2)
        paid = next(row for row in rows if "SP2D-9" in row)
        self.assertIn("SPM-UJI", paid)
        self.assertIn("paid", paid)
        # the committed and realised figures of the ledger are the line's
        Realization = self.env["eoffice.budget.realization"]
        groups = Realization._read_group([("line_id", "=", line.id)], [], ["committed_delta:sum", "realized_delta:sum"])
        self.assertEqual(groups[0], (line.committed_amount, line.realized_amount))
        self.assertEqual((line.committed_amount, line.realized_amount), (20000, 100000))

    def test_indicators_freeze_with_the_closed_fiscal_year(self):
        Indicator = self.as_user(self.operator_a, self.env["eoffice.budget.indicator"])
        indicator = Indicator.create({"name": "Indeks", "company_id": self.skpd_a.id, "fiscal_year_id": self.year.id,
                                      "uom": "indeks", "target": 3.0,
                                      "realization_ids": [(0, 0, {"quarter": "1", "value": 2.0})]}).with_env(self.env)
        self.year.state = "closed"
        quarter = indicator.realization_ids
        self.assert_refused(lambda: self.forger(self.operator_a, indicator).write({"target": 1}), indicator)
        self.assert_refused(lambda: self.forger(self.operator_a, quarter).write({"value": 3}), quarter)
        self.assert_refused(lambda: self.forger(self.operator_a, quarter).unlink(), quarter)
        self.assert_refused(lambda: self.forger(self.operator_a, indicator).unlink(), indicator)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.forger(self.operator_a, self.env["eoffice.budget.indicator.realization"]).create(
                {"indicator_id": indicator.id, "quarter": "2", "value": 1})
