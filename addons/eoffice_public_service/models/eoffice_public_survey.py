"""The satisfaction survey (Survei Kepuasan Masyarakat, PermenPAN-RB 14/2017): nine elements scored
1 to 4, answered once per completed request from its tracking page. The IKM of a unit is the mean
of the element scores times 25 (a 25-100 scale)."""
from odoo import api, fields, models

# the nine elements of PermenPAN-RB 14/2017, in its order
ELEMENTS = (
    ("u1", "Requirements"),
    ("u2", "Procedures"),
    ("u3", "Completion time"),
    ("u4", "Cost / fee"),
    ("u5", "Service product"),
    ("u6", "Staff competence"),
    ("u7", "Staff behaviour"),
    ("u8", "Handling of complaints and suggestions"),
    ("u9", "Facilities"),
)


class EofficePublicSurvey(models.Model):
    """Written once by the public page (as superuser); nobody changes or deletes an answer."""

    _name = "eoffice.public.survey"
    _description = "Public Satisfaction Survey (IKM)"
    _order = "id desc"

    request_id = fields.Many2one("eoffice.public.request", string="Request", required=True, readonly=True,
                                 ondelete="restrict", index=True)
    service_id = fields.Many2one(related="request_id.service_id", store=True, index=True, string="Service")
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True, string="SKPD")
    u1 = fields.Integer(string="U1 Requirements", readonly=True, aggregator="avg")
    u2 = fields.Integer(string="U2 Procedures", readonly=True, aggregator="avg")
    u3 = fields.Integer(string="U3 Completion Time", readonly=True, aggregator="avg")
    u4 = fields.Integer(string="U4 Cost / Fee", readonly=True, aggregator="avg")
    u5 = fields.Integer(string="U5 Service Product", readonly=True, aggregator="avg")
    u6 = fields.Integer(string="U6 Staff Competence", readonly=True, aggregator="avg")
    u7 = fields.Integer(string="U7 Staff Behaviour", readonly=True, aggregator="avg")
    u8 = fields.Integer(string="U8 Complaint Handling", readonly=True, aggregator="avg")
    u9 = fields.Integer(string="U9 Facilities", readonly=True, aggregator="avg")
    suggestion = fields.Text(string="Suggestion", readonly=True)
    ikm = fields.Float(string="IKM", compute="_compute_ikm", store=True, aggregator="avg", digits=(5, 2),
                       help="Mean of the nine element scores x 25 (PermenPAN-RB 14/2017).")
    response_count = fields.Integer(string="Responses", compute="_compute_ikm", store=True, aggregator="sum")

    _sql_constraints = [
        ("request_uniq", "unique(request_id)", "This request has been rated already."),
        ("scores_range", "CHECK(u1 BETWEEN 1 AND 4 AND u2 BETWEEN 1 AND 4 AND u3 BETWEEN 1 AND 4 AND "
                         "u4 BETWEEN 1 AND 4 AND u5 BETWEEN 1 AND 4 AND u6 BETWEEN 1 AND 4 AND "
                         "u7 BETWEEN 1 AND 4 AND u8 BETWEEN 1 AND 4 AND u9 BETWEEN 1 AND 4)",
         "Every element is scored from 1 to 4."),
    ]

    @api.depends("request_id")
    def _compute_display_name(self):
        for survey in self:
            # the request's reference, never the citizen's name
            survey.display_name = self.env._("Survey of %(request)s",
                                             request=survey.request_id.sudo().display_name or "")

    @api.depends(*(name for name, _label in ELEMENTS))
    def _compute_ikm(self):
        for survey in self:
            survey.ikm = 25.0 * sum(survey[name] for name, _label in ELEMENTS) / len(ELEMENTS)
            survey.response_count = 1
