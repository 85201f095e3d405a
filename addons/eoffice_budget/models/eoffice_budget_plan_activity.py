from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .eoffice_budget_plan import CEILING_STATES, EDITABLE


class EofficeBudgetPlanActivity(models.Model):
    """A sub kegiatan in an SKPD's plan, with its target, funding source and ceiling."""

    _name = "eoffice.budget.plan.activity"
    _description = "Plan Sub Kegiatan"
    _inherit = ["eoffice.workflow.mixin"]
    _order = "plan_id, sub_kegiatan_code"
    # no state of its own: the plan's; the SKPD adds and changes sub kegiatan while the RKA is its own
    _workflow_state_field = "plan_id.state"
    _workflow_initial_states = EDITABLE
    _workflow_parent_field = "plan_id"
    _workflow_parent_states = EDITABLE

    plan_id = fields.Many2one("eoffice.budget.plan", string="Plan", required=True, ondelete="cascade", index=True,
                              workflow="create")
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    fiscal_year_id = fields.Many2one(related="plan_id.fiscal_year_id", store=True)
    plan_kind = fields.Selection(related="plan_id.kind", store=True, string="Document")
    currency_id = fields.Many2one(related="plan_id.currency_id")
    sub_kegiatan_id = fields.Many2one(
        "eoffice.budget.code", string="Sub Kegiatan", required=True, ondelete="restrict", index=True,
        domain="[('kind', '=', 'program'), ('level', '=', 'sub_kegiatan'), ('regulation_id', '=', regulation_id)]",
        workflow=EDITABLE)
    regulation_id = fields.Many2one(related="plan_id.regulation_id")
    sub_kegiatan_code = fields.Char(related="sub_kegiatan_id.code", store=True, string="Code")
    kegiatan_id = fields.Many2one("eoffice.budget.code", string="Kegiatan", compute="_compute_hierarchy", store=True,
                                  index=True)
    program_id = fields.Many2one("eoffice.budget.code", string="Program", compute="_compute_hierarchy", store=True,
                                 index=True)
    bidang_id = fields.Many2one("eoffice.budget.code", string="Bidang Urusan", compute="_compute_hierarchy",
                                store=True)
    output = fields.Char(related="sub_kegiatan_id.output")
    indicator = fields.Char(related="sub_kegiatan_id.indicator")
    uom = fields.Char(related="sub_kegiatan_id.uom", string="Unit")
    target = fields.Float(string="Target", digits=(16, 2), help="Target of the indicator for the year.",
                          workflow=EDITABLE)
    location = fields.Char(string="Location", workflow=EDITABLE)
    funding_source_id = fields.Many2one("eoffice.budget.funding.source", string="Funding Source",
                                        ondelete="restrict", workflow=EDITABLE)
    ceiling = fields.Monetary(string="Ceiling", help="Set by TAPD. Zero means no ceiling.", workflow=CEILING_STATES)
    total = fields.Monetary(string="Total", compute="_compute_total", store=True)
    over_ceiling = fields.Boolean(string="Over Ceiling", compute="_compute_total", store=True)
    line_ids = fields.One2many("eoffice.budget.plan.line", "activity_id", string="Detail Lines", workflow=EDITABLE)

    _sql_constraints = [
        ("activity_uniq", "unique(plan_id, sub_kegiatan_id)", "This sub kegiatan is already in the plan."),
        ("ceiling_positive", "CHECK(ceiling >= 0)", "A ceiling cannot be negative."),
    ]

    @api.depends("sub_kegiatan_id", "sub_kegiatan_code", "plan_id.name")
    def _compute_display_name(self):
        for activity in self:
            activity.display_name = activity.sub_kegiatan_id.display_name or ""

    @api.depends("sub_kegiatan_id.parent_id")
    def _compute_hierarchy(self):
        for activity in self:
            kegiatan = activity.sub_kegiatan_id.parent_id
            activity.kegiatan_id = kegiatan
            activity.program_id = kegiatan.parent_id
            activity.bidang_id = kegiatan.parent_id.parent_id

    @api.depends("line_ids.amount", "ceiling")
    def _compute_total(self):
        for activity in self:
            activity.total = sum(activity.line_ids.mapped("amount"))
            activity.over_ceiling = bool(activity.ceiling and activity.total > activity.ceiling)

    @api.constrains("sub_kegiatan_id", "plan_id")
    def _check_sub_kegiatan(self):
        for activity in self:
            code = activity.sub_kegiatan_id
            if code.kind != "program" or code.level != "sub_kegiatan":
                raise ValidationError(self.env._("%(code)s is not a sub kegiatan.", code=code.display_name))
            regulation = activity.plan_id.fiscal_year_id.regulation_id
            if regulation and code.regulation_id != regulation:
                raise ValidationError(self.env._(
                    "Sub kegiatan %(code)s belongs to %(old)s, but %(year)s uses the codes of %(new)s; apply the code "
                    "mapping.", code=code.code, old=code.regulation_id.name, year=activity.fiscal_year_id.name,
                    new=regulation.name))
            served = activity.company_id.budget_bidang_ids
            bidang = activity.bidang_id
            if served and bidang and not bidang.code.startswith("X") and bidang.code not in served.mapped("code"):
                raise ValidationError(self.env._(
                    "%(skpd)s does not serve %(bidang)s, so it cannot budget sub kegiatan %(code)s.",
                    skpd=activity.company_id.name, bidang=bidang.display_name, code=code.code))

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities.plan_id._check_editable()
        activities.plan_id._check_ceilings()
        return activities

    def write(self, vals):
        # the workflow mixin refuses what the plan's state does not allow; these are TAPD's role and the input window
        if not self.env.su:
            if "ceiling" in vals and not self.plan_id._is_verifier():
                raise AccessError(self.env._("Only TAPD sets the ceiling of a sub kegiatan."))
            if set(vals) - {"ceiling"}:
                self.plan_id._check_editable()
        result = super().write(vals)
        self.plan_id._check_ceilings()
        return result

    def unlink(self):
        self.plan_id._check_editable()
        return super().unlink()
