from odoo import api, fields, models

REVIEW_STATES = [
    ("planned", "Planned"),
    ("pending", "Waiting"),
    ("approved", "Approved (paraf)"),
    ("returned", "Returned"),
    ("cancelled", "Not reached"),
]


class EofficeLetterReview(models.Model):
    """One reviewer's paraf on one round of a draft. Lines of earlier rounds are kept."""

    _name = "eoffice.letter.review"
    _description = "Letter Review (Paraf)"
    _inherit = ["eoffice.workflow.mixin"]
    _order = "letter_id, round desc, sequence, id"
    # named after the reviewer's seat: the letter form shows whose paraf it waits for
    _rec_name = "position_id"
    # a client plans the chain on a draft; paraf history is kept forever
    _workflow_initial_states = ("planned",)
    _workflow_parent_field = "letter_id"

    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True, ondelete="cascade", index=True,
                                workflow="create")
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True, string="SKPD")
    round = fields.Integer(string="Round", default=0, readonly=True,
                           help="Submission round; 0 while the step is planned on a draft.", workflow="owned")
    sequence = fields.Integer(default=10, workflow=("planned",))
    position_id = fields.Many2one("eoffice.position", string="Reviewer Position", required=True, workflow=("planned",))
    state = fields.Selection(REVIEW_STATES, string="Status", default="planned", required=True, readonly=True,
                             workflow="owned")
    user_id = fields.Many2one("res.users", string="Reviewed By", readonly=True, workflow="owned")
    reviewer_name = fields.Char(string="Reviewer", readonly=True, workflow="owned")
    date = fields.Datetime(string="Date", readonly=True, workflow="owned")
    note = fields.Text(string="Notes", readonly=True, workflow="owned")

    @api.depends("position_id.name")
    def _compute_display_name(self):
        for review in self:
            # the reviewer's seat, as the paraf chain and the "Waiting For" tracking show it
            review.display_name = self.env._("Paraf by %(seat)s", seat=review.position_id.sudo().name or "")
