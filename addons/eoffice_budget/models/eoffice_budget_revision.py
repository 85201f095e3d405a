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


class EofficeBudgetRevisionLine(models.Model):
    """One line's before and after in a revision."""

    _name = "eoffice.budget.revision.line"
    _description = "Budget Revision Line"
    _inherit = ["eoffice.workflow.mixin"]
    _workflow_state_field = "revision_id.state"
    _workflow_parent_field = "revision_id"

    revision_id = fields.Many2one("eoffice.budget.revision", string="Revision", required=True, ondelete="cascade",
                                  index=True, workflow="create")
    company_id = fields.Many2one(related="revision_id.company_id", store=True, index=True, string="SKPD")
    currency_id = fields.Many2one(related="revision_id.currency_id")
    line_id = fields.Many2one("eoffice.budget.plan.line", string="DPA Line", ondelete="restrict",
                              help="Empty for a new line (perubahan only).", workflow=("draft",))
    # taken from the DPA line, or given for a new line
    activity_id = fields.Many2one("eoffice.budget.plan.activity", string="Sub Kegiatan", compute="_compute_from_line",
                                  store=True, readonly=False, workflow=("draft",))
    account_id = fields.Many2one("eoffice.budget.code", string="Account", compute="_compute_from_line", store=True,
                                 readonly=False, workflow=("draft",))
    item_id = fields.Many2one("eoffice.budget.price.item", string="Standard Item", compute="_compute_from_line",
                              store=True, readonly=False, workflow=("draft",))
    description = fields.Char(string="Description", compute="_compute_from_line", store=True, readonly=False,
                              workflow=("draft",))
    murni_amount = fields.Monetary(string="Murni", compute="_compute_from_line", store=True)
    old_vol1 = fields.Float(string="Volume Before", compute="_compute_from_line", store=True, digits=(16, 2))
    old_unit_price = fields.Monetary(string="Price Before", compute="_compute_from_line", store=True)
    old_amount = fields.Monetary(string="Before", compute="_compute_from_line", store=True)
    new_vol1 = fields.Float(string="Volume After", required=True, digits=(16, 2), workflow=("draft",))
    new_unit_price = fields.Monetary(string="Price After", required=True, workflow=("draft",))
    new_amount = fields.Monetary(string="After", compute="_compute_new_amount", store=True)
    delta = fields.Monetary(string="Change", compute="_compute_new_amount", store=True)

    @api.depends("line_id")
    def _compute_from_line(self):
        for change in self:
            line = change.line_id
            if change.revision_id.state == "approved":
                continue  # the before of an applied change stays as it was
            if line:
                change.update({
                    "activity_id": line.activity_id, "account_id": line.account_id, "item_id": line.item_id,
                    "description": line.description, "murni_amount": line.murni_amount, "old_vol1": line.vol1,
                    "old_unit_price": line.unit_price, "old_amount": line.amount})
            else:
                change.update({"murni_amount": 0.0, "old_vol1": 0.0, "old_unit_price": 0.0, "old_amount": 0.0})

    @api.depends("new_vol1", "new_unit_price", "line_id", "old_amount", "old_vol1", "old_unit_price")
    def _compute_new_amount(self):
        for change in self:
            line = change.line_id
            if line and change.old_vol1 and change.old_unit_price:
                # other volume factors and tax stay as they are: scale the old amount
                change.new_amount = round(change.old_amount * (change.new_vol1 / change.old_vol1)
                                          * (change.new_unit_price / change.old_unit_price), 2)
            else:
                change.new_amount = round(change.new_vol1 * change.new_unit_price, 2)
            change.delta = change.new_amount - change.old_amount

    @api.onchange("line_id")
    def _onchange_line_id(self):
        if self.line_id:
            self.new_vol1 = self.line_id.vol1
            self.new_unit_price = self.line_id.unit_price

    @api.constrains("line_id", "revision_id", "activity_id")
    def _check_line(self):
        for change in self:
            plan = change.revision_id.plan_id
            if change.line_id and change.line_id.plan_id != plan:
                raise ValidationError(self.env._("A revision changes lines of its own DPA only."))
            if not change.line_id and (change.activity_id.plan_id != plan or not change.item_id
                                       or not change.account_id):
                raise ValidationError(self.env._("A new line needs a sub kegiatan of the DPA, an account and an "
                                                 "item."))
