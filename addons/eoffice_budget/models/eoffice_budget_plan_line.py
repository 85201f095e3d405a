from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..utils import format_number
from .eoffice_budget_plan import EDITABLE

VOLUME_FACTORS = (1, 2, 3, 4)


class EofficeBudgetPlanLine(models.Model):
    """A detail line (rincian belanja): account × price-standard item × volume × unit price + tax."""

    _name = "eoffice.budget.plan.line"
    _description = "Plan Detail Line"
    _inherit = ["eoffice.workflow.mixin"]
    _order = "plan_id, activity_id, account_code, id"
    _rec_names_search = ["description", "account_code"]
    # no state of its own: the plan's; the SKPD changes its lines while the RKA is its own
    _workflow_state_field = "plan_id.state"
    _workflow_initial_states = EDITABLE
    _workflow_parent_field = "activity_id"
    _workflow_parent_states = EDITABLE

    # a line never moves to another sub kegiatan (nor, through it, to another plan)
    activity_id = fields.Many2one("eoffice.budget.plan.activity", string="Sub Kegiatan", required=True,
                                  ondelete="cascade", index=True, workflow="create")
    plan_id = fields.Many2one(related="activity_id.plan_id", store=True, index=True, string="Plan")
    company_id = fields.Many2one(related="activity_id.company_id", store=True, index=True, string="SKPD")
    fiscal_year_id = fields.Many2one(related="activity_id.fiscal_year_id", store=True, string="Fiscal Year")
    plan_kind = fields.Selection(related="activity_id.plan_kind", store=True, string="Document")
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    sub_kegiatan_id = fields.Many2one(related="activity_id.sub_kegiatan_id", store=True, string="Sub Kegiatan Code")
    kegiatan_id = fields.Many2one(related="activity_id.kegiatan_id", store=True, string="Kegiatan")
    program_id = fields.Many2one(related="activity_id.program_id", store=True, string="Program")
    currency_id = fields.Many2one(related="activity_id.currency_id")
    account_id = fields.Many2one(
        "eoffice.budget.code", string="Account", required=True, ondelete="restrict", index=True,
        domain="[('kind', '=', 'account'), ('level', '=', 'sub_rincian_objek'), ('regulation_id', '=', regulation_id)]",
        workflow=EDITABLE)
    regulation_id = fields.Many2one(related="activity_id.regulation_id")
    account_code = fields.Char(related="account_id.code", store=True, string="Account Code")
    item_id = fields.Many2one(
        "eoffice.budget.price.item", string="Standard Item", required=True, ondelete="restrict", index=True,
        domain="[('account_ids', 'in', account_id), ('fiscal_year_id', '=', fiscal_year_id)]", workflow=EDITABLE)
    standard_type = fields.Selection(related="item_id.standard_type", string="Standard")
    standard_price = fields.Monetary(related="item_id.price", string="Standard Price")
    description = fields.Char(string="Description", help="What is bought; defaults to the item and its specification.",
                              workflow=EDITABLE)
    vol1 = fields.Float(string="Volume 1", digits=(16, 2), default=1.0, workflow=EDITABLE)
    uom1 = fields.Char(string="Unit 1", workflow=EDITABLE)
    vol2 = fields.Float(string="Volume 2", digits=(16, 2), workflow=EDITABLE)
    uom2 = fields.Char(string="Unit 2", workflow=EDITABLE)
    vol3 = fields.Float(string="Volume 3", digits=(16, 2), workflow=EDITABLE)
    uom3 = fields.Char(string="Unit 3", workflow=EDITABLE)
    vol4 = fields.Float(string="Volume 4", digits=(16, 2), workflow=EDITABLE)
    uom4 = fields.Char(string="Unit 4", workflow=EDITABLE)
    volume = fields.Float(string="Volume", compute="_compute_amount", store=True, digits=(16, 2),
                          help="Product of the volume factors that are filled in.")
    volume_label = fields.Char(string="Volume Detail", compute="_compute_volume_label")
    unit_price = fields.Monetary(string="Unit Price", required=True, workflow=EDITABLE)
    tax_percent = fields.Float(string="Tax %", digits=(5, 2), workflow=EDITABLE)
    amount = fields.Monetary(string="Amount", compute="_compute_amount", store=True)
    # set by the verification (_flag_anomalies), not part of the SKPD's content
    anomaly = fields.Boolean(string="Flagged", readonly=True, index=True, copy=False, workflow="owned")
    anomaly_note = fields.Char(string="Why Flagged", readonly=True, copy=False, workflow="owned")
    # notes are written during verification; each note guards itself
    comment_ids = fields.One2many("eoffice.budget.plan.comment", "line_id", string="Verification Notes",
                                  workflow="free")
    open_comment_count = fields.Integer(string="Open Notes", compute="_compute_open_comment_count")

    _sql_constraints = [
        ("price_positive", "CHECK(unit_price >= 0)", "A unit price cannot be negative."),
        ("tax_range", "CHECK(tax_percent >= 0 AND tax_percent <= 100)", "Tax is a percentage between 0 and 100."),
        ("volume_positive", "CHECK(vol1 > 0)", "The first volume must be above zero."),
        ("volumes_positive", "CHECK(vol2 >= 0 AND vol3 >= 0 AND vol4 >= 0)", "Volumes cannot be negative."),
    ]

    @api.depends("activity_id.sub_kegiatan_code", "account_code", "description")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " ".join(filter(None, [line.activity_id.sub_kegiatan_code, line.account_code,
                                                       line.description or line.item_id.name]))

    @api.depends("vol1", "vol2", "vol3", "vol4", "unit_price", "tax_percent")
    def _compute_amount(self):
        for line in self:
            volume = 1.0
            for index in VOLUME_FACTORS:
                if line[f"vol{index}"]:
                    volume *= line[f"vol{index}"]
            line.volume = volume
            line.amount = round(volume * line.unit_price * (1 + (line.tax_percent or 0.0) / 100.0), 2)

    @api.depends("vol1", "vol2", "vol3", "vol4", "uom1", "uom2", "uom3", "uom4")
    def _compute_volume_label(self):
        for line in self:
            parts = [f"{format_number(line[f'vol{i}'], 2)} {line[f'uom{i}'] or ''}".strip()
                     for i in VOLUME_FACTORS if line[f"vol{i}"]]
            line.volume_label = " × ".join(parts)

    def _compute_open_comment_count(self):
        counts = dict(self.env["eoffice.budget.plan.comment"]._read_group(
            [("line_id", "in", self.ids), ("state", "=", "open")], ["line_id"], ["__count"]))
        for line in self:
            line.open_comment_count = counts.get(line, 0)

    @api.onchange("item_id")
    def _onchange_item_id(self):
        if self.item_id:
            self.unit_price = self.item_id.price
            self.uom1 = self.uom1 or self.item_id.uom
            if not self.description:
                self.description = " ".join(filter(None, [self.item_id.name, self.item_id.specification]))

    @api.constrains("item_id", "account_id", "unit_price", "activity_id")
    def _check_price_standard(self):
        for line in self:
            item, account = line.item_id, line.account_id
            if account.kind != "account" or account.level != "sub_rincian_objek":
                raise ValidationError(self.env._("%(code)s is not an account at sub rincian objek level.",
                                                 code=account.display_name))
            regulation = line.fiscal_year_id.regulation_id
            if regulation and account.regulation_id != regulation:
                raise ValidationError(self.env._("Account %(code)s is not in the code list of %(year)s.",
                                                 code=account.code, year=line.fiscal_year_id.name))
            if item.fiscal_year_id != line.fiscal_year_id:
                raise ValidationError(self.env._("%(item)s is not in the price standard of %(year)s.",
                                                 item=item.display_name, year=line.fiscal_year_id.name))
            if account not in item.account_ids:
                raise ValidationError(self.env._(
                    "%(item)s may not be budgeted on account %(account)s; it is mapped to: %(accounts)s.",
                    item=item.display_name, account=account.code,
                    accounts=", ".join(item.account_ids.mapped("code")) or "-"))
            if line.currency_id.compare_amounts(line.unit_price, item.price) > 0:
                raise ValidationError(self.env._(
                    "The unit price %(price)s of %(item)s is above its standard price %(standard)s.",
                    price=line.plan_id._fmt(line.unit_price), item=item.display_name,
                    standard=line.plan_id._fmt(item.price)))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "unit_price" not in vals and vals.get("item_id"):
                vals["unit_price"] = self.env["eoffice.budget.price.item"].browse(vals["item_id"]).price
        lines = super().create(vals_list)
        lines.plan_id._check_editable()
        lines.plan_id._check_ceilings()
        return lines

    def write(self, vals):
        # the workflow mixin refuses what the plan's state does not allow; the input window is checked here
        self.plan_id._check_editable()
        result = super().write(vals)
        self.plan_id._check_ceilings()
        return result

    def unlink(self):
        plans = self.plan_id
        plans._check_editable()
        result = super().unlink()
        plans._check_ceilings()
        return result

    def action_open_comments(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Verification Notes"),
            "res_model": "eoffice.budget.plan.comment",
            "view_mode": "list,form",
            "domain": [("line_id", "=", self.id)],
            "context": {"default_line_id": self.id},
        }
