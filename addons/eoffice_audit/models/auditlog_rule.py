from odoo import api, models
from odoo.exceptions import UserError


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    @api.model
    def get_auditlog_fields(self, model):
        """auditlog's fields, less what the trail's readers must not see or need not copy.

        A field restricted to some groups (a signing certificate's encrypted private key is for
        ``base.group_system`` only) would be copied into entries that every auditor reads, and a
        binary field (logos, keys, files) would copy whole files into the trail: both stay out.
        """
        return [name for name in super().get_auditlog_fields(model)
                if not model._fields[name].groups and model._fields[name].type not in ("binary", "image")]

    def _eoffice_audit_rules(self):
        """The rules of the Inspektorat's trail: the ones this module ships."""
        data = self.env["ir.model.data"].sudo().search([
            ("model", "=", self._name), ("module", "=", "eoffice_audit"), ("res_id", "in", self.ids)])
        return self.browse(data.mapped("res_id"))

    def _eoffice_audit_check_locked(self):
        # the module's own update writes its rules as superuser; nobody else switches them off
        if not self.env.su and self._eoffice_audit_rules():
            lang = self.env.context.get("lang") or self.env.user.lang
            raise UserError(self.with_context(lang=lang).env._(
                "The audit rules of the Inspektorat cannot be changed, unsubscribed or deleted; "
                "they change only with an update of the e-Office Audit Trail module."))

    def unsubscribe(self):
        # checked before auditlog restores the unpatched methods in this worker's memory: a refused
        # write afterwards would roll the state back but leave the model unlogged until a restart
        self._eoffice_audit_check_locked()
        return super().unsubscribe()

    def write(self, vals):
        self._eoffice_audit_check_locked()
        return super().write(vals)

    def unlink(self):
        self._eoffice_audit_check_locked()
        return super().unlink()
