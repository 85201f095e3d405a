from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class EofficeBudgetRevision(models.Model):
    """A change to an approved DPA. A pergeseran shifts amounts between the SKPD's lines (the
    total stays); a perubahan (APBD-P) may change the total and add lines. Either is applied
    only when BPKAD approves it with its signed minutes attached. Each line keeps its murni
    amount, each revision keeps its line-level before and after, and the cash plan must be
    confirmed again."""

    _name = "eoffice.budget.revision"
    _description = "Budget Revision"
    _inherit = ["mail.thread", "eoffice.workflow.mixin"]
    _order = "create_date desc, id desc"
    _workflow_transitions = (("draft", "submitted"), ("submitted", "approved"))

    name = fields.Char(string="Title", required=True, workflow=("draft",))
    kind = fields.Selection([("pergeseran", "Pergeseran (shift between lines)"), ("perubahan", "Perubahan (APBD-P)")],
                            string="Kind", required=True, default="pergeseran", workflow=("draft",))
    plan_id = fields.Many2one("eoffice.budget.plan", string="DPA", required=True, index=True, ondelete="restrict",
                              domain="[('kind', '=', 'dpa')]", workflow="create")
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True, string="SKPD")
    currency_id = fields.Many2one(related="plan_id.currency_id")
    reason = fields.Text(string="Reason", required=True, workflow=("draft",))
    state = fields.Selection([("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Approved")],
                             string="Status", default="draft", required=True, readonly=True, tracking=True,
                             workflow="owned")
    line_ids = fields.One2many("eoffice.budget.revision.line", "revision_id", string="Changes", workflow=("draft",))
    # a submitted revision still receives its signed minutes
    minutes_file = fields.Binary(string="Signed Minutes", attachment=True, workflow=("draft", "submitted"),
                                 help="The signed minutes (berita acara) that approve the revision.")
    minutes_filename = fields.Char(string="Minutes File Name", workflow=("draft", "submitted"))
    total_before = fields.Monetary(string="Before", compute="_compute_totals")
    total_after = fields.Monetary(string="After", compute="_compute_totals")
    delta = fields.Monetary(string="Change", compute="_compute_totals")
    approved_date = fields.Datetime(string="Approved On", readonly=True, workflow="owned")
    approved_uid = fields.Many2one("res.users", string="Approved By", readonly=True, workflow="owned")

    @api.depends("line_ids.old_amount", "line_ids.new_amount")
    def _compute_totals(self):
        for revision in self:
            revision.total_before = sum(revision.line_ids.mapped("old_amount"))
            revision.total_after = sum(revision.line_ids.mapped("new_amount"))
            revision.delta = revision.total_after - revision.total_before

    def action_submit(self):
        self.check_access("write")
        for revision in self:
            if revision.state != "draft" or not revision.line_ids:
                raise UserError(self.env._("Only a draft revision with changes can be submitted."))
            revision._check_balance()
        self._workflow_write({"state": "submitted"})
        return True

    def _check_balance(self):
        for revision in self:
            if revision.kind == "pergeseran" and revision.currency_id.compare_amounts(revision.delta, 0):
                raise ValidationError(self.env._(
                    "A pergeseran moves amounts between lines and keeps the total; this one changes it by %(delta)s.",
                    delta=revision.plan_id._fmt(revision.delta)))
            if revision.kind == "pergeseran" and revision.line_ids.filtered(lambda line: not line.line_id):
                raise ValidationError(self.env._("A pergeseran changes existing lines only; new lines need a "
                                                 "perubahan."))

    def action_approve(self):
        """BPKAD applies the changes to the DPA."""
        if not (self.env.su or self.env.user.has_group("eoffice_budget.group_budget_manager")):
            raise AccessError(self.env._("Only BPKAD approves a budget revision."))
        for revision in self:
            if revision.state != "submitted":
                raise UserError(self.env._("Only a submitted revision can be approved."))
            if not revision.minutes_file:
                raise UserError(self.env._("Attach the signed minutes before approving the revision."))
            revision._check_balance()
            revision.plan_id.sub_kegiatan_ids._lock_for_posting()
            # approved first: the before of every change stays as it was read
            revision.sudo()._workflow_write({"state": "approved", "approved_date": fields.Datetime.now(),
                                   "approved_uid": self.env.uid})
            Line = self.env["eoffice.budget.plan.line"].sudo()
            for change in revision.line_ids:
                if change.line_id:
                    line = change.line_id.sudo()
                    used = line.committed_amount + line.realized_amount
                    if revision.currency_id.compare_amounts(change.new_amount, used) < 0:
                        raise UserError(self.env._(
                            "%(line)s cannot go below what is already committed and realised (%(used)s).",
                            line=line.description or line.item_id.name, used=revision.plan_id._fmt(used)))
                    line.write({"vol1": change.new_vol1, "unit_price": change.new_unit_price})
                else:
                    change.sudo().line_id = Line.create({
                        "activity_id": change.activity_id.id, "account_id": change.account_id.id,
                        "item_id": change.item_id.id, "description": change.description,
                        "vol1": change.new_vol1, "uom1": change.item_id.uom, "unit_price": change.new_unit_price})
            plan = revision.plan_id.sudo()
            values = {"cash_plan_state": "draft"}
            if revision.kind == "perubahan":
                values["version"] = "perubahan"
            plan.write(values)
            plan._sync_cash_plan()
            summary = self.env._("%(kind)s %(name)s approved: %(before)s → %(after)s; the cash plan must be "
                                 "confirmed again.", kind=dict(self._fields["kind"]._description_selection(self.env))[
                                     revision.kind], name=revision.name, before=plan._fmt(revision.total_before),
                                 after=plan._fmt(revision.total_after))
            plan._log(summary)
            revision._message_log(body=Markup("<p>%s</p>") % summary)
        return True
