import logging

from odoo import models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)


class IrRule(models.Model):
    """Refusals never name the refused records.

    In debug mode, Odoo lists the records a record rule refused by their display names to an employee
    with the technical features (and any employee can switch debug mode on). The name of a record one
    may not read is itself confidential: the subject of a Rahasia letter, the names of its files. The
    refusal then names the model, the ids and the rules, as the administrator debugging it needs, and
    no record."""

    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        user = self.env.user
        if not (user._is_internal() and user.has_group("base.group_no_one")):
            return super()._make_access_error(operation, records)
        _logger.info("Access Denied by record rules for operation: %s on record ids: %r, uid: %s, model: %s",
                     operation, records.ids[:6], self._uid, records._name)
        self = self.with_context(user.context_get())
        _ = self.env._
        operations = {"read": _("read"), "write": _("change"), "create": _("create"), "unlink": _("delete")}
        model = self.env["ir.model"]._get(records._name).name or records._name
        rules = self._get_failing(records, mode=operation).sudo()
        # (values computed before the call: the term extractor cannot read f-strings among its arguments)
        user_label, model_label = f"{user.name} (id={user.id})", f"{model} ({records._name})"
        message = _("Sorry, %(user)s may not %(operation)s %(model)s %(ids)s. The records are not named here: the "
                    "name of a record one may not open can itself be confidential.",
                    user=user_label, operation=operations[operation], model=model_label, ids=records.ids[:6])
        if rules:
            rule_lines = "\n".join(f"- {rule.name}" for rule in rules)
            message += "\n\n" + _("Refused by the rules:\n%(rules)s", rules=rule_lines)
        return AccessError(message)
