"""The budget plan of one SKPD for one fiscal year (RKA/DPA-SKPD): its fields, the guards on
editing and ceilings, submission to TAPD, return, approval into a DPA, and the move to a new
code list. The model is extended by concern in the files next to it:

- ``eoffice_budget_plan_anomaly.py``: lines flagged far above the median across SKPD;
- ``eoffice_budget_plan_report.py``: the RKA/DPA document (PDF, XLSX);
- ``eoffice_budget_plan_cash.py``: the anggaran kas of a DPA;
- ``eoffice_budget_plan_execution.py``: realisation totals and links to postings and revisions.
"""


from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..utils import format_rupiah

# what the SKPD edits while the RKA is its own; TAPD's ceilings stay open during verification
EDITABLE = ("draft", "returned")
CEILING_STATES = ("draft", "submitted", "returned")


class EofficeBudgetPlan(models.Model):
    """The budget of one SKPD for one fiscal year: the RKA-SKPD while it is drafted and verified,
    and the DPA-SKPD, a frozen copy made when the RKA is approved."""

    _name = "eoffice.budget.plan"
    _description = "Budget Plan (RKA/DPA-SKPD)"
    _inherit = ["mail.thread", "mail.activity.mixin", "eoffice.workflow.mixin"]
    _order = "fiscal_year_id desc, company_id, kind, id"
    _workflow_transitions = (("draft", "submitted"), ("returned", "submitted"), ("submitted", "returned"),
                             ("submitted", "approved"))

    name = fields.Char(string="Name", compute="_compute_name", store=True)
    kind = fields.Selection([("rka", "RKA-SKPD"), ("dpa", "DPA-SKPD")], string="Document", required=True,
                            default="rka", readonly=True, index=True, workflow="owned")
    version = fields.Selection([("murni", "Murni"), ("perubahan", "Perubahan (APBD-P)")], string="Version",
                               required=True, default="murni",
                               readonly=True, workflow="owned",
                               help="Murni is the budget as first approved; revisions add later versions.")
    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True,
                                 default=lambda self: self.env.company, domain="[('is_skpd', '=', True)]",
                                 workflow=EDITABLE)
    fiscal_year_id = fields.Many2one("eoffice.budget.fiscal.year", string="Fiscal Year", required=True,
                                     ondelete="restrict", index=True, workflow=EDITABLE)
    regulation_id = fields.Many2one(related="fiscal_year_id.regulation_id", string="Code List")
    state = fields.Selection([("draft", "Draft"), ("submitted", "Submitted"), ("returned", "Returned for Revision"),
                              ("approved", "Approved")], string="Status", required=True, default="draft",
                             tracking=True, index=True, workflow="owned")
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.IDR"), required=True,
                                  workflow="create")
    # the lines guard their own changes as well (by the plan's state)
    sub_kegiatan_ids = fields.One2many("eoffice.budget.plan.activity", "plan_id", string="Sub Kegiatan",
                                       workflow=EDITABLE)
    line_ids = fields.One2many("eoffice.budget.plan.line", "plan_id", string="Detail Lines", workflow=EDITABLE)
    # notes are written and answered during verification; each note guards itself
    comment_ids = fields.One2many("eoffice.budget.plan.comment", "plan_id", string="Verification Notes",
                                  workflow="free")
    total = fields.Monetary(string="Total", compute="_compute_total", store=True)
    ceiling = fields.Monetary(string="Ceiling (Pagu Indikatif)", tracking=True, workflow=CEILING_STATES,
                              help="Set by TAPD. Zero means no ceiling.")
    over_ceiling = fields.Boolean(string="Over a Ceiling", compute="_compute_over_ceiling")
    open_comment_count = fields.Integer(string="Open Notes", compute="_compute_counts")
    anomaly_count = fields.Integer(string="Flagged Lines", compute="_compute_counts")
    input_open = fields.Boolean(string="Input Open", compute="_compute_input_open")
    source_plan_id = fields.Many2one("eoffice.budget.plan", string="From RKA", readonly=True, index=True,
                                     ondelete="restrict", workflow="owned")
    dpa_id = fields.Many2one("eoffice.budget.plan", string="DPA", compute="_compute_dpa_id")
    submitted_date = fields.Datetime(string="Submitted On", readonly=True, copy=False, workflow="owned")
    approved_date = fields.Datetime(string="Approved On", readonly=True, copy=False, workflow="owned")
    approved_uid = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False, workflow="owned")
    pdf_file = fields.Binary(string="PDF", attachment=True, readonly=True, copy=False, workflow="owned")
    pdf_filename = fields.Char(string="PDF File Name", readonly=True, copy=False, workflow="owned")

    _sql_constraints = [
        ("plan_uniq", "unique(company_id, fiscal_year_id, kind, version)",
         "The SKPD already has this budget document for this fiscal year."),
        ("ceiling_positive", "CHECK(ceiling >= 0)", "A ceiling cannot be negative."),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("kind", "company_id.name", "fiscal_year_id.year")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for plan in self:
            plan.name = f"{labels.get(plan.kind, '')} {plan.fiscal_year_id.year or ''} {plan.company_id.name or ''}"

    @api.depends("sub_kegiatan_ids.total")
    def _compute_total(self):
        for plan in self:
            plan.total = sum(plan.sub_kegiatan_ids.mapped("total"))

    @api.depends("total", "ceiling", "sub_kegiatan_ids.over_ceiling")
    def _compute_over_ceiling(self):
        for plan in self:
            plan.over_ceiling = bool(plan.ceiling and plan.total > plan.ceiling) \
                or any(plan.sub_kegiatan_ids.mapped("over_ceiling"))

    def _compute_counts(self):
        Comment = self.env["eoffice.budget.plan.comment"]
        Line = self.env["eoffice.budget.plan.line"]
        comments = dict(Comment._read_group([("plan_id", "in", self.ids), ("state", "=", "open")],
                                            ["plan_id"], ["__count"]))
        anomalies = dict(Line._read_group([("plan_id", "in", self.ids), ("anomaly", "=", True)],
                                          ["plan_id"], ["__count"]))
        for plan in self:
            plan.open_comment_count = comments.get(plan, 0)
            plan.anomaly_count = anomalies.get(plan, 0)

    def _compute_input_open(self):
        Window = self.env["eoffice.budget.input.window"]
        for plan in self:
            plan.input_open = Window._open_for(plan.company_id, plan.fiscal_year_id)

    def _compute_dpa_id(self):
        dpas = self.search([("source_plan_id", "in", self.ids), ("kind", "=", "dpa")])
        for plan in self:
            plan.dpa_id = dpas.filtered(lambda dpa, plan=plan: dpa.source_plan_id == plan)[:1]

    # ------------------------------------------------------------------ guards
    def _is_verifier(self):
        return self.env.su or self.env.user.has_group("eoffice_budget.group_budget_verifier")

    def _check_editable(self):
        """Refuse a change to the content of these plans unless the SKPD may make it now."""
        if self.env.su:
            return
        for plan in self:
            if plan.kind == "dpa":
                raise UserError(self.env._(
                    "%(plan)s is an approved DPA and cannot be changed; changes go through a budget revision.",
                    plan=plan.name))
            if plan.state not in ("draft", "returned"):
                raise UserError(self.env._(
                    "%(plan)s has been submitted to TAPD; it can be changed again only when TAPD returns it for "
                    "revision.", plan=plan.name))
            if not self.env["eoffice.budget.input.window"]._open_for(plan.company_id, plan.fiscal_year_id):
                raise UserError(self.env._(
                    "RKA input for %(skpd)s in %(year)s is closed. TAPD opens an input window when changes are "
                    "allowed.", skpd=plan.company_id.name, year=plan.fiscal_year_id.name))

    def _check_ceilings(self):
        """Block, or only flag (as the Pemda chose), a plan above a ceiling."""
        for plan in self:
            if plan.company_id.sudo().pemda_id.budget_ceiling_policy != "block":
                continue
            for activity in plan.sub_kegiatan_ids.filtered("over_ceiling"):
                raise ValidationError(self.env._(
                    "Sub kegiatan %(code)s would total %(total)s, above its ceiling of %(ceiling)s.",
                    code=activity.sub_kegiatan_id.code, total=plan._fmt(activity.total),
                    ceiling=plan._fmt(activity.ceiling)))
            if plan.ceiling and plan.total > plan.ceiling:
                raise ValidationError(self.env._(
                    "%(plan)s would total %(total)s, above the SKPD's ceiling of %(ceiling)s.",
                    plan=plan.name, total=plan._fmt(plan.total), ceiling=plan._fmt(plan.ceiling)))

    def _fmt(self, amount):
        return format_rupiah(amount)

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans.company_id._eoffice_check_live("eoffice_budget_live", self.env._("Budget"))
        plans.filtered(lambda plan: plan.kind == "rka")._check_editable()
        return plans

    def write(self, vals):
        # the workflow mixin refuses what the state does not allow; these are the roles and the input window
        if not self.env.su:
            if "ceiling" in vals and not self._is_verifier():
                raise AccessError(self.env._("Only TAPD sets the ceiling of an SKPD's budget."))
            if set(vals) & {"company_id", "fiscal_year_id", "sub_kegiatan_ids", "line_ids"}:
                self._check_editable()
        result = super().write(vals)
        if "ceiling" in vals:
            self._check_ceilings()
        return result

    def unlink(self):
        self._check_editable()
        return super().unlink()

    # ------------------------------------------------------------------ workflow
    def _check_verifier(self):
        if not self._is_verifier():
            raise AccessError(self.env._("Only a TAPD verifier can do this."))

    def action_submit(self):
        """The SKPD sends its RKA to TAPD; lines far out of line with other SKPD are flagged."""
        self.check_access("write")
        for plan in self:
            plan._check_editable()
            if not plan.line_ids:
                raise UserError(self.env._("%(plan)s has no detail lines to submit.", plan=plan.name))
            if plan.company_id.sudo().pemda_id.budget_ceiling_policy == "block" and plan.over_ceiling:
                plan._check_ceilings()
        self._flag_anomalies()
        self._workflow_write({"state": "submitted", "submitted_date": fields.Datetime.now()})
        for plan in self:
            plan._log(self.env._("Submitted to TAPD for verification: %(total)s, %(flags)s line(s) flagged.",
                                 total=plan._fmt(plan.total), flags=plan.anomaly_count))
        return True

    def action_return(self):
        """TAPD returns the RKA to the SKPD with its notes."""
        self._check_verifier()
        for plan in self:
            if plan.state != "submitted":
                raise UserError(self.env._("Only a submitted RKA can be returned."))
            if not plan.open_comment_count:
                raise UserError(self.env._("Write at least one verification note on a line before returning %(plan)s.",
                                           plan=plan.name))
        self.sudo()._workflow_write({"state": "returned"})
        for plan in self:
            plan._log(self.env._("Returned to the SKPD for revision with %(count)s open note(s).",
                                 count=plan.open_comment_count))
        return True

    def action_approve(self):
        """Approve the RKA: it becomes the DPA murni, a frozen copy with its PDF."""
        if not (self.env.su or self.env.user.has_group("eoffice_budget.group_budget_manager")):
            raise AccessError(self.env._("Only BPKAD approves an RKA into a DPA."))
        dpas = self.browse()
        for plan in self:
            if plan.kind != "rka" or plan.state != "submitted":
                raise UserError(self.env._("Only a submitted RKA can be approved."))
            if plan.open_comment_count:
                raise UserError(self.env._(
                    "%(plan)s still has %(count)s open verification note(s); resolve them or return the RKA first.",
                    plan=plan.name, count=plan.open_comment_count))
            plan._check_ceilings()
            plan.sudo()._workflow_write({"state": "approved", "approved_date": fields.Datetime.now(),
                               "approved_uid": self.env.uid})
            dpa = plan.sudo()._make_dpa()
            dpa._render_pdf_file()
            plan._log(self.env._("Approved; %(dpa)s created.", dpa=dpa.name))
            dpas |= dpa
        return dpas

    def _make_dpa(self):
        """Copy the approved RKA into a DPA with the same sub kegiatan and lines (run as superuser)."""
        self.ensure_one()
        dpa = self.create({"kind": "dpa", "version": "murni", "state": "approved", "company_id": self.company_id.id,
                           "fiscal_year_id": self.fiscal_year_id.id, "ceiling": self.ceiling,
                           "source_plan_id": self.id, "approved_date": self.approved_date,
                           "approved_uid": self.approved_uid.id})
        line_fields = ["account_id", "item_id", "description", "vol1", "uom1", "vol2", "uom2", "vol3", "uom3",
                       "vol4", "uom4", "unit_price", "tax_percent"]
        activity_fields = ["sub_kegiatan_id", "target", "location", "funding_source_id", "ceiling"]
        Activity = self.env["eoffice.budget.plan.activity"]
        activities = Activity.create([
            {"plan_id": dpa.id, **{name: activity[name].id if hasattr(activity[name], "id") else activity[name]
                                   for name in activity_fields}}
            for activity in self.sub_kegiatan_ids])
        self.env["eoffice.budget.plan.line"].create([
            {"activity_id": new.id, **{name: line[name].id if hasattr(line[name], "id") else line[name]
                                       for name in line_fields}}
            for old, new in zip(self.sub_kegiatan_ids, activities, strict=True) for line in old.line_ids])
        dpa.line_ids.flush_recordset(["amount"])
        self.env.cr.execute("UPDATE eoffice_budget_plan_line SET murni_amount = amount WHERE plan_id = %s", [dpa.id])
        dpa.line_ids.invalidate_recordset(["murni_amount"])
        dpa._sync_cash_plan()
        return dpa

    # ------------------------------------------------------------------ code lists
    def action_apply_code_mapping(self):
        """Move the plan's sub kegiatan and accounts to the code list of its fiscal year, through the
        old-to-new code mapping; refuse, changing nothing, if a code has no counterpart."""
        for plan in self:
            plan._check_editable()
            regulation = plan.fiscal_year_id.regulation_id
            if not regulation:
                raise UserError(self.env._("%(year)s has no code list.", year=plan.fiscal_year_id.name))
            subs = plan.sub_kegiatan_ids.sub_kegiatan_id
            accounts = plan.line_ids.account_id
            mapping = (subs | accounts)._map_to(regulation)
            missing = (subs | accounts).filtered(lambda code, mapping=mapping: code not in mapping)
            if missing:
                raise UserError(self.env._(
                    "These codes have no single counterpart in %(regulation)s; add them to the code mapping: "
                    "%(codes)s", regulation=regulation.name, codes=", ".join(missing.mapped("code"))))
            for activity in plan.sub_kegiatan_ids:
                if mapping[activity.sub_kegiatan_id] != activity.sub_kegiatan_id:
                    activity.sub_kegiatan_id = mapping[activity.sub_kegiatan_id]
            for line in plan.line_ids:
                if mapping[line.account_id] != line.account_id:
                    line.account_id = mapping[line.account_id]
            plan._log(self.env._("Codes moved to %(regulation)s.", regulation=regulation.name))
        return True

    # ------------------------------------------------------------------ views
    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("eoffice_budget.eoffice_budget_plan_line_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id, "search_default_group_activity": 1}
        return action

    def action_view_dpa(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.dpa_id.id,
                "view_mode": "form"}
