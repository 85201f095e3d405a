from odoo import fields, models


class AuditlogLog(models.Model):
    _name = "auditlog.log"
    _inherit = ["auditlog.log", "eoffice.audit.append.only"]

    # who made the change must survive: deleting a user who has entries is refused (archive them
    # instead); auditlog's default, set null, would erase the "who" of the trail in the database
    user_id = fields.Many2one(ondelete="restrict")


class AuditlogLogLine(models.Model):
    _name = "auditlog.log.line"
    _inherit = ["auditlog.log.line", "eoffice.audit.append.only"]


class AuditlogHttpRequest(models.Model):
    _name = "auditlog.http.request"
    _inherit = ["auditlog.http.request", "eoffice.audit.append.only"]


class AuditlogHttpSession(models.Model):
    _name = "auditlog.http.session"
    _inherit = ["auditlog.http.session", "eoffice.audit.append.only"]
