from odoo import api, fields, models


class EofficeLetterVersion(models.Model):
    """A snapshot of a letter's body at each submission and at signing."""

    _name = "eoffice.letter.version"
    _description = "Letter Draft Version"
    _inherit = ["eoffice.workflow.mixin"]
    _order = "letter_id, version_no desc"
    # append-only: made by the workflow at each submission and at signing, never changed or deleted
    _workflow_state_field = "letter_id.state"
    _workflow_unlink_states = ()

    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True, ondelete="cascade", index=True,
                                workflow="owned")
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True, string="SKPD")
    version_no = fields.Integer(string="Version", required=True, workflow="owned")
    event = fields.Selection([("submitted", "Submitted for review"), ("signed", "Signed")], string="Event",
                             required=True, workflow="owned")
    subject = fields.Char(string="Subject", workflow="owned")
    body = fields.Html(string="Body", sanitize=True, sanitize_style=True, workflow="owned")
    author_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user, workflow="owned")
    date = fields.Datetime(string="Date", default=fields.Datetime.now, workflow="owned")

    @api.depends("letter_id", "version_no")
    def _compute_display_name(self):
        for version in self:
            version.display_name = self.env._("%(letter)s, version %(version)s",
                                              letter=version.letter_id.display_name, version=version.version_no)
