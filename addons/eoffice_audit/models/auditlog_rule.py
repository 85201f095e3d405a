from odoo import api, models
from odoo.exceptions import UserError

# cr.cache key: per model, how many of its audited creates are running in this transaction
CREATING = "eoffice_audit_creating"


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

    def _patch_method(self, model, method_name, check_attr):
        """auditlog's patch, and around a full log's create and write: no full write log of a record
        inside its own create.

        Odoo's create may write the new record before it returns (an inverse field: a new user's
        groups). auditlog's full write log swaps the transaction's cache to read the values before and
        after, and doing that in the middle of a create loses values the create has not finished
        putting in the cache (a new user's name read back as False). The create's own entry records
        every value the record ends with, so that nested write adds nothing to the trail. The running
        creates are counted on the cursor, where no client can reach, not in the context."""
        patched = super()._patch_method(model, method_name, check_attr)
        if not patched or self.log_type != "full" or method_name not in ("create", "write"):
            return patched
        model_class = model.env.registry[model._name]
        auditlog_method = getattr(model_class, method_name)
        if method_name == "create":

            @api.model_create_multi
            def create(self, vals_list, **kwargs):
                creating = self.env.cr.cache.setdefault(CREATING, {})
                creating[self._name] = creating.get(self._name, 0) + 1
                try:
                    return auditlog_method(self, vals_list, **kwargs).with_env(self.env)
                finally:
                    creating[self._name] -= 1

            wrapper = create
        else:

            def write(self, vals, **kwargs):
                if self.env.cr.cache.get(CREATING, {}).get(self._name):
                    now = self.env.cr.now()
                    if all(record.create_date == now for record in self.sudo()):
                        return auditlog_method.origin(self, vals, **kwargs)
                return auditlog_method(self, vals, **kwargs)

            wrapper = write
        wrapper.origin = auditlog_method.origin
        setattr(model_class, method_name, wrapper)
        return patched

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
