from textwrap import shorten

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class EofficeBudgetPlanComment(models.Model):
    """A TAPD verifier's note on one line of an RKA; the SKPD answers and resolves it."""

    _name = "eoffice.budget.plan.comment"
    _description = "Verification Note"
    _inherit = ["eoffice.workflow.mixin"]
    _order = "create_date desc, id desc"
    _workflow_initial_states = ("open",)
    _workflow_unlink_states = ()  # the verification's record: resolved, never deleted
    _workflow_transitions = (("open", "resolved"), ("resolved", "open"))
    # notes are written on a submitted RKA
    _workflow_parent_field = "line_id"
    _workflow_parent_states = ("submitted",)

    line_id = fields.Many2one("eoffice.budget.plan.line", string="Line", required=True, ondelete="cascade",
                              index=True, workflow="create")
    plan_id = fields.Many2one(related="line_id.plan_id", store=True, index=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True, string="SKPD")
    # the verifier may reword the note and the SKPD answer it at any time (only TAPD writes the body)
    body = fields.Text(string="Note", required=True, workflow="free")
    answer = fields.Text(string="SKPD Answer", workflow="free")
    state = fields.Selection([("open", "Open"), ("resolved", "Resolved")], string="Status", default="open",
                             required=True, readonly=True, workflow="owned")
    author_id = fields.Many2one("res.users", string="Verifier", default=lambda self: self.env.user, readonly=True,
                                workflow="owned")
    line_description = fields.Char(related="line_id.description", string="Line Description")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env["eoffice.budget.plan"]._is_verifier():
            raise AccessError(self.env._("Only a TAPD verifier writes verification notes."))
        comments = super().create(vals_list)
        for comment in comments:
            if comment.plan_id.kind != "rka" or comment.plan_id.state != "submitted":
                raise UserError(self.env._("Verification notes are written on a submitted RKA."))
        return comments

    def write(self, vals):
        if not self.env.su and "body" in vals and not self.env["eoffice.budget.plan"]._is_verifier():
            raise AccessError(self.env._("Only a TAPD verifier changes a verification note."))
        return super().write(vals)

    def action_resolve(self):
        """Mark the note as dealt with: by the SKPD while revising, or by the verifier."""
        self.check_access("write")
        for comment in self:
            plan = comment.plan_id
            verifier = plan._is_verifier()
            if not verifier and plan.state != "returned":
                raise UserError(self.env._("The SKPD resolves notes while the RKA is returned for revision."))
        self.sudo()._workflow_write({"state": "resolved"})
        return True

    def action_reopen(self):
        if not self.env["eoffice.budget.plan"]._is_verifier():
            raise AccessError(self.env._("Only a TAPD verifier reopens a verification note."))
        self.sudo()._workflow_write({"state": "open"})
        return True

    @api.depends("line_id.description", "body")
    def _compute_display_name(self):
        for note in self:
            body = shorten(note.body or "", 60, placeholder="…")
            note.display_name = ": ".join(filter(None, [note.line_id.description, body]))
