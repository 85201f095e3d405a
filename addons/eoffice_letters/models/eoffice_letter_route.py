from odoo import api, fields, models


class EofficeLetterRoute(models.Model):
    """The default review chain (paraf) of an SKPD's letters, optionally per letter type."""

    _name = "eoffice.letter.route"
    _description = "Letter Review Route"
    _order = "company_id, type_id, id"

    name = fields.Char(string="Name", required=True)
    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True,
                                 default=lambda self: self.env.company)
    type_id = fields.Many2one("eoffice.letter.type", string="Letter Type",
                              help="Empty: every letter type without a route of its own.")
    signer_position_id = fields.Many2one("eoffice.position", string="Default Signer", check_company=True,
                                         domain="[('company_id', '=', company_id)]")
    step_ids = fields.One2many("eoffice.letter.route.step", "route_id", string="Reviewers", copy=True)
    active = fields.Boolean(default=True)

    def _find(self, company, letter_type):
        routes = self.search([("company_id", "=", company.id), ("type_id", "in", [letter_type.id, False])])
        return routes.filtered(lambda r: r.type_id == letter_type)[:1] or routes[:1]


class EofficeLetterRouteStep(models.Model):
    _name = "eoffice.letter.route.step"
    _description = "Letter Review Route Step"
    _order = "route_id, sequence, id"

    route_id = fields.Many2one("eoffice.letter.route", string="Route", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="route_id.company_id", store=True, index=True, string="SKPD")
    sequence = fields.Integer(default=10)
    position_id = fields.Many2one("eoffice.position", string="Reviewer Position", required=True,
                                  domain="[('company_id', '=', company_id)]")

    @api.depends("route_id.name", "position_id.name")
    def _compute_display_name(self):
        for step in self:
            step.display_name = ": ".join(filter(None, [step.route_id.name, step.position_id.sudo().name]))
