"""Forgery matrix: only the workflow writes what the workflow owns.

Generated from the registry. For every model on ``eoffice.workflow.mixin``, every field the workflow
owns, every demo login that can read a record of the model (one per distinct set of groups), and
every state the record can be in:

* ``write`` of the field is refused, and a re-read shows the old value;
* ``create`` in a state other than an initial one, or with a workflow-owned value (in the values or
  as a ``default_*`` context key), is refused and creates nothing;
* ``unlink`` in a state the model does not allow deleting in is refused and the record stays;

each case once with a plain context and once with the context keys a client could send to look like
the workflow. A stateful e-Office model that is not on the mixin, or a writable field nobody
declared, fails here too.
"""

import base64
import contextlib
import datetime
import os
from pathlib import Path

from odoo import models
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

# every module of the suite, so that a new one is covered without anyone declaring it
ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
EOFFICE_MODULES = tuple(sorted(path.parent.name for path in ROOT.glob("addons/eoffice_*/__manifest__.py")))
# what an RPC client may put in its context to pass as the workflow or an installer
ODD_CONTEXT = {"eoffice_workflow": True, "install_mode": True, "module": "eoffice_letters", "import_file": True,
               "tracking_disable": True, "active_test": False, "force_write": True, "bypass_workflow": True,
               "su": True, "sudo": True}
CONTEXTS = ({}, ODD_CONTEXT)
# stateful models that are deliberately not on the mixin, with the reason
NOT_ON_MIXIN = {
    "eoffice.budget.fiscal.year": "Pemda-wide configuration: its status is a setting the budget manager edits in a "
                                  "plain form (only managers may write it: tests/test_access_matrix.py PEMDA_WIDE); "
                                  "what is frozen in a closed year is guarded on the plans and indicators themselves",
}
DEMO_LOGINS = ("admin", "bupati", "sekda", "admin.kominfo", "kadis.kominfo", "kasi.kominfo", "tu.kominfo",
               "staf.kominfo", "kadis.kesehatan", "auditor", "anggaran.kominfo", "anggaran.kesehatan", "tapd",
               "bpkad")


def workflow_models(env):
    Mixin = env.registry["eoffice.workflow.mixin"]
    return sorted(name for name, cls in env.registry.items()
                  if not cls._abstract and not cls._transient and issubclass(cls, Mixin))


class ForgeryCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = cls.env["res.users"].search([("login", "in", DEMO_LOGINS)])
        seen, cls.roles = set(), []
        for user in users.sorted("login"):
            key = frozenset(user.groups_id.ids)
            if key not in seen:
                seen.add(key)
                cls.roles.append(user)

    def as_user(self, records, user, context=None):
        return records.with_user(user).with_context(allowed_company_ids=user.company_ids.ids, **(context or {}))

    def state_values(self, model):
        """The states of the guard (the model's own, or its parent's) and how to search them."""
        path = model._workflow_state_field
        target, fname = model, path
        for name in path.split(".")[:-1]:
            target = model.env[target._fields[name].comodel_name]
        fname = path.split(".")[-1]
        return [value for value, _label in target._fields[fname]._description_selection(model.env)]

    def records_by_state(self, model):
        """One record per state: found in the demo data, else an existing one moved there by the superuser
        (a model whose state is computed only gets the states the demo has)."""
        Model = model.sudo()
        path = model._workflow_state_field
        found = {}
        for state in self.state_values(model):
            record = Model.search([(path, "=", state)], limit=1)
            if record:
                found[state] = record
        own = "." not in path and not Model._fields[path].compute
        base = Model.search([], limit=1)
        if own and base:
            # the test moves this record through the missing states, one after the other
            found.update({state: base for state in self.state_values(model) if state not in found})
        return found

    def readable_cases(self, Model, skip_states=()):
        """(state, record, user) for each state of the model outside ``skip_states``, the record
        moved there, and each role that can read it."""
        for state, record in self.records_by_state(Model).items():
            if state in skip_states:
                continue
            self.move_to(record, state)
            for user in self.roles:
                if self.as_user(record, user).has_access("read"):
                    yield state, record, user

    @staticmethod
    def move_to(record, state):
        """Put a record of a model with its own, stored state in ``state`` (as the superuser)."""
        path = record._workflow_state_field
        if "." not in path and not record._fields[path].compute and record[path] != state:
            record.sudo().write({path: state})

    @staticmethod
    def forged_value(record, name):
        field = record._fields[name]
        current = record[name]
        kind = field.type
        if kind in ("char", "text"):
            return "PALSU" if current != "PALSU" else "PALSU 2"
        if kind == "html":
            return "<p>PALSU</p>"
        if kind == "selection":
            values = [v for v, _l in field._description_selection(record.env) if v != current]
            return values[0] if values else False
        if kind == "boolean":
            return not current
        if kind in ("integer", "float", "monetary"):
            return (current or 0) + 7
        if kind == "date":
            return datetime.date(2001, 2, 3)
        if kind == "datetime":
            return datetime.datetime(2001, 2, 3, 4, 5, 6)
        if kind == "binary":
            return base64.b64encode(b"%PDF-1.4 palsu")
        if kind == "many2one":
            other = record.env[field.comodel_name].sudo().search([("id", "!=", current.id)], limit=1)
            return other.id
        if kind in ("one2many", "many2many"):
            if current:
                return [(5, 0, 0)]
            other = record.env[field.comodel_name].sudo().search([], limit=1)
            return [(4, other.id)] if kind == "many2many" and other else [(5, 0, 0)]
        raise AssertionError(f"no forged value for {record._name}.{name} ({kind})")

    def attempt(self, failures, label, call, check, savepoint=True):
        """Run one forgery: it must raise a UserError (or AccessError) and ``check()`` must hold after.

        Writes and deletions are refused before any SQL is sent, so they run without a savepoint:
        rolling one back would empty the ORM cache, and recomputing the record rules' seats for every
        case would make the matrix ten times slower. A forgery that gets through is reported anyway."""
        try:
            with self.env.cr.savepoint() if savepoint else contextlib.nullcontext():
                call()
        except UserError:
            pass
        except Exception as error:  # noqa: BLE001 - the guard must refuse before anything else fails
            failures.append(f"not refused by the guard: {label}: {error!r}"[:400])
            return
        else:
            failures.append(f"accepted: {label}")
            return
        problem = check()
        if problem:
            failures.append(f"changed: {label}: {problem}")

    @staticmethod
    def snapshot(record, names):
        record.invalidate_recordset()
        record = record.sudo()
        return {name: (record[name].ids if record._fields[name].relational else record[name]) for name in names}


@tagged("post_install", "-at_install")
class TestWorkflowDeclarations(ForgeryCase):
    def test_models_found(self):
        models = workflow_models(self.env)
        for name in ("eoffice.letter", "eoffice.letter.review", "eoffice.letter.recipient", "eoffice.letter.version",
                     "eoffice.letter.cosigner", "eoffice.disposition", "eoffice.disposition.branch",
                     "eoffice.archive.file", "eoffice.archive.disposal"):
            self.assertIn(name, models)

    def test_every_stateful_model_is_on_the_mixin(self):
        on_mixin = set(workflow_models(self.env))
        modules = self.env["ir.model"].sudo().search([]).filtered(
            lambda m: set((m.modules or "").replace(" ", "").split(",")) & set(EOFFICE_MODULES))
        missing = []
        for model in modules:
            cls = self.env.registry.get(model.model)
            if cls is None or cls._abstract or cls._transient or not model.model.startswith("eoffice."):
                continue
            stateful = any(f.type == "selection" and (name == "state" or name.endswith("_state"))
                           and not (f.compute and not f.store) and not f.related
                           for name, f in cls._fields.items())
            if stateful and model.model not in on_mixin and model.model not in NOT_ON_MIXIN:
                missing.append(model.model)
        self.assertEqual(missing, [], "stateful models that are not on eoffice.workflow.mixin")

    def test_every_writable_field_is_declared(self):
        undeclared = {name: self.env[name]._workflow_undeclared_fields() for name in workflow_models(self.env)}
        self.assertEqual({k: v for k, v in undeclared.items() if v}, {},
                         "fields without a workflow= declaration")


@tagged("post_install", "-at_install")
class TestWorkflowForgeryMatrix(ForgeryCase):
    @mute_logger("odoo.models", "odoo.models.unlink", "odoo.sql_db")
    def test_write_of_owned_fields_is_refused(self):
        cases, failures = 0, []
        for model_name in workflow_models(self.env):
            Model = self.env[model_name]
            owned = Model._workflow_owned_fields()
            for state, record, user in self.readable_cases(Model):
                for name in owned:
                    before = self.snapshot(record, [name])
                    value = self.forged_value(record.sudo(), name)
                    for context in CONTEXTS:
                        target = self.as_user(record, user, context)
                        self.attempt(
                            failures, f"{model_name}[{state}].{name} by {user.login} odd={bool(context)}",
                            lambda target=target, name=name, value=value: target.write({name: value}),
                            lambda record=record, name=name, before=before:
                                self.snapshot(record, [name]) != before and name, savepoint=False)
                        cases += 1
        self.assertEqual(failures, [])
        self.assertGreater(cases, 1000)

    @mute_logger("odoo.models", "odoo.sql_db")
    def test_create_with_workflow_values_is_refused(self):
        cases, failures = 0, []
        for model_name in workflow_models(self.env):
            Model = self.env[model_name]
            initial = Model._workflow_initial_states
            own_state = "." not in Model._workflow_state_field \
                and not Model._fields[Model._workflow_state_field].compute
            owned = [n for n in Model._workflow_owned_fields() if not Model._fields[n].compute]
            template = Model.sudo().search([], limit=1)
            if not template:
                continue
            base = {k: v for k, v in template.copy_data()[0].items()
                    if k in Model._fields and Model._workflow_field_rule(k) != "owned"}
            parent = Model._workflow_parent_field
            for user in self.roles:
                if not self.as_user(Model, user).has_access("create"):
                    continue
                attempts = []
                if own_state:
                    state_field = Model._workflow_state_field
                    attempts += [({state_field: s}, {}) for s in self.state_values(Model) if s not in initial]
                    attempts += [({}, {f"default_{state_field}": s}) for s in self.state_values(Model)
                                 if s not in initial]
                for name in owned:
                    field = Model._fields[name]
                    # the default as the guard sees it: computed for the user who creates
                    default = field.default(self.as_user(Model, user)) if field.default else False
                    if isinstance(default, models.BaseModel) and field.type == "many2one":
                        default = default.id
                    value = (not default) if field.type == "boolean" else self.forged_value(template.sudo(), name)
                    if name != parent and value != default and (value or default):
                        attempts.append(({name: value}, {}))
                for extra, context in attempts:
                    for odd in CONTEXTS:
                        count = Model.sudo().search_count([])
                        target = self.as_user(Model, user, {**odd, **context})
                        self.attempt(
                            failures, f"create {model_name} {extra} {context} by {user.login} odd={bool(odd)}",
                            lambda target=target, vals={**base, **extra}: target.create(vals),
                            lambda Model=Model, count=count: Model.sudo().search_count([]) != count and "created")
                        cases += 1
        self.assertEqual(failures, [])
        self.assertGreater(cases, 100)

    @mute_logger("odoo.models", "odoo.models.unlink", "odoo.sql_db")
    def test_unlink_outside_deletable_states_is_refused(self):
        cases, failures = 0, []
        for model_name in workflow_models(self.env):
            Model = self.env[model_name]
            deletable = Model._workflow_unlink_state_set()
            for state, record, user in self.readable_cases(Model, skip_states=deletable):
                for context in CONTEXTS:
                    target = self.as_user(record, user, context)
                    self.attempt(failures, f"unlink {model_name}[{state}] by {user.login} odd={bool(context)}",
                                 target.unlink, lambda record=record: not record.sudo().exists() and "deleted",
                                 savepoint=False)
                    cases += 1
        self.assertEqual(failures, [])
        self.assertGreater(cases, 100)
