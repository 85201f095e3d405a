from odoo import api, models
from odoo.exceptions import UserError


class AuditlogAppendOnly(models.AbstractModel):
    """The entries of the audit trail: written once by auditlog, changed and deleted by no one.

    auditlog writes its entries as the superuser (``create_logs`` runs under ``sudo()``), so only a
    superuser environment may create them, and nobody may change or delete them afterwards: not an
    administrator over RPC, not a server action running ``sudo()``, not the auto-vacuum cron (which
    stays off). Odoo's own ACLs of auditlog give ``base.group_system`` full rights on these models;
    this guard is what makes the trail immutable for them too, and it runs before the ACL check so
    every caller gets the same Indonesian explanation.
    """

    _name = "eoffice.audit.append.only"
    _description = "Append-only Audit Trail Entry"

    def _audit_env(self):
        """The caller's language, else the user's own: an integrator's RPC call carries no language."""
        lang = self.env.context.get("lang") or self.env.user.lang
        return self.with_context(lang=lang).env

    def _audit_refuse_change(self):
        raise UserError(self._audit_env()._(
            "The audit trail cannot be changed or deleted: every entry stays exactly as it was recorded."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self._audit_env()._(
                "Audit trail entries are written only by the system when a record changes; "
                "they cannot be created by hand."))
        return super().create(vals_list)

    def write(self, vals):
        if self:
            self._audit_refuse_change()
        return super().write(vals)

    def unlink(self):
        if self:
            self._audit_refuse_change()
        return super().unlink()
