from odoo import api, models


class IrAttachment(models.Model):
    """The workflow guard's back door closed: a binary field stored as an attachment (a signed PDF,
    a berita acara) is an ``ir.attachment`` row that anyone allowed to write the record could
    otherwise rewrite through the attachment model. For a record on ``eoffice.workflow.mixin``, a
    client may not create, change or delete the attachment of a field the workflow owns, nor change
    or delete any attachment of a record past its initial states (posting a new one in the chatter
    stays possible)."""

    _inherit = "ir.attachment"

    def _eoffice_guarded(self, res_model, res_id, res_field, creating=False):
        """The workflow record whose guard refuses this attachment change, if any."""
        if not res_model or res_model not in self.env or not res_id:
            return None
        Model = self.env[res_model]
        if not isinstance(Model, self.env.registry["eoffice.workflow.mixin"]):
            return None
        record = Model.browse(res_id).sudo().exists()
        if not record:
            return None
        if res_field and res_field in Model._fields and Model._workflow_field_rule(res_field) == "owned":
            return record
        if not creating and record._workflow_state_of()[record.id] not in Model._workflow_initial_states:
            return record
        return None

    def _eoffice_check(self, values=None, creating=False):
        if self.env.su:
            return
        rows = [values] if creating else [
            {"res_model": a.res_model, "res_id": a.res_id, "res_field": a.res_field} for a in self.sudo()]
        for row in rows:
            record = self._eoffice_guarded(row.get("res_model"), row.get("res_id"), row.get("res_field"), creating)
            if record is not None:
                record.with_env(self.env)._workflow_refuse(record.with_env(self.env)._workflow_env()._(
                    "The files of %(record)s are kept as the workflow left them: they cannot be replaced or "
                    "deleted.", record=record.display_name))

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        for vals in vals_list:
            # default_res_model and friends in the context count as values
            self._eoffice_check({key: vals.get(key, self.env.context.get(f"default_{key}"))
                                 for key in ("res_model", "res_id", "res_field")}, creating=True)
        attachments = super().create(vals_list)
        for attachment in attachments.sudo():
            self._eoffice_check({"res_model": attachment.res_model, "res_id": attachment.res_id,
                                 "res_field": attachment.res_field}, creating=True)
        return attachments

    def write(self, vals):
        self._eoffice_check()
        if {"res_model", "res_id", "res_field"} & set(vals):
            for attachment in self.sudo():
                self._eoffice_check({"res_model": vals.get("res_model", attachment.res_model),
                                     "res_id": vals.get("res_id", attachment.res_id),
                                     "res_field": vals.get("res_field", attachment.res_field)}, creating=True)
        return super().write(vals)

    def unlink(self):
        self._eoffice_check()
        return super().unlink()
