from odoo import fields, models


class EofficeLetterVersion(models.Model):
    """A snapshot of a letter's body at each submission and at signing."""

    _name = "eoffice.letter.version"
    _description = "Letter Draft Version"
    _order = "letter_id, version_no desc"

    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True, string="SKPD")
    version_no = fields.Integer(string="Version", required=True)
    event = fields.Selection([("submitted", "Submitted for review"), ("signed", "Signed")], string="Event",
                             required=True)
    subject = fields.Char(string="Subject")
    body = fields.Html(string="Body", sanitize=True)
    author_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    date = fields.Datetime(string="Date", default=fields.Datetime.now)
