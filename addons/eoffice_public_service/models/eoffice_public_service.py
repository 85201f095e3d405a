import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")


class EofficePublicService(models.Model):
    """An online service an SKPD offers the public: what the citizen must bring, which seat answers,
    and in how many working days. A published service is listed at ``/layanan``."""

    _name = "eoffice.public.service"
    _description = "Public Online Service"
    _inherit = ["mail.thread"]
    _order = "company_id, sequence, name"
    _check_company_auto = True

    name = fields.Char(string="Service", required=True, translate=True, tracking=True)
    code = fields.Char(string="Code", required=True, index=True, tracking=True,
                       help="Part of the public address /layanan/<code>: lowercase letters, digits and dashes.")
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True,
                                 default=lambda self: self.env.company, domain="[('is_skpd', '=', True)]")
    description = fields.Text(string="Description", translate=True)
    requirements = fields.Text(string="Requirements (Persyaratan)", translate=True,
                               help="What the citizen must provide, one requirement per line.")
    required_attachments = fields.Text(string="Required Attachments", translate=True,
                                       help="The files the citizen must attach, one per line (e.g. KTP scan).")
    min_attachments = fields.Integer(string="Minimum Attachments", default=0,
                                     help="How many files a request must carry at least.")
    position_id = fields.Many2one("eoffice.position", string="Responsible Position", required=True,
                                  check_company=True, domain="[('company_id', '=', company_id)]", tracking=True,
                                  help="The seat whose inbox receives the requests.")
    letter_type_id = fields.Many2one("eoffice.letter.type", string="Incoming Letter Type",
                                     default=lambda self: self.env.ref("eoffice_letters.letter_type_sd", False),
                                     help="Type of the incoming letter a request is registered as.")
    service_days = fields.Integer(string="Service Level (working days)", required=True, default=10, tracking=True)
    published = fields.Boolean(string="Published", default=False, tracking=True,
                               help="Listed on the public page and open to requests.")
    active = fields.Boolean(default=True)
    request_ids = fields.One2many("eoffice.public.request", "service_id", string="Requests")
    request_count = fields.Integer(string="Request Count", compute="_compute_request_count")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another service already uses this code."),
        ("service_days_positive", "CHECK(service_days > 0)", "The service level must be at least one working day."),
    ]

    @api.constrains("code")
    def _check_code(self):
        for service in self:
            # "lacak" is the tracking page's address
            if not CODE_RE.match(service.code or "") or service.code == "lacak":
                raise ValidationError(self.env._(
                    "The code of a service is 2 to 40 lowercase letters, digits or dashes (it goes into the "
                    "public address)."))

    def _compute_request_count(self):
        counts = dict(self.env["eoffice.public.request"]._read_group(
            [("service_id", "in", self.ids)], ["service_id"], ["__count"]))
        for service in self:
            service.request_count = counts.get(service, 0)

    @api.model
    def _public_domain(self):
        """Services open to the public: published, in an SKPD live with letters."""
        return [("published", "=", True), ("company_id.eoffice_letters_live", "=", True)]

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("eoffice_public_service.eoffice_public_request_action")
        action["domain"] = [("service_id", "=", self.id)]
        return action
