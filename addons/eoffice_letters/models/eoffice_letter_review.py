from odoo import fields, models

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
    _order = "letter_id, round desc, sequence, id"

    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True, string="SKPD")
    round = fields.Integer(string="Round", default=0, readonly=True,
                           help="Submission round; 0 while the step is planned on a draft.")
    sequence = fields.Integer(default=10)
    position_id = fields.Many2one("eoffice.position", string="Reviewer Position", required=True)
    state = fields.Selection(REVIEW_STATES, string="Status", default="planned", required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Reviewed By", readonly=True)
    reviewer_name = fields.Char(string="Reviewer", readonly=True)
    date = fields.Datetime(string="Date", readonly=True)
    note = fields.Text(string="Notes", readonly=True)
