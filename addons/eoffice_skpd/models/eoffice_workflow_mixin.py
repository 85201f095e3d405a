"""The one guard of every stateful e-Office model: only the workflow writes what the workflow owns.

A model inherits ``eoffice.workflow.mixin`` and declares, with class attributes, its state field,
the states a client may create and delete records in, its transitions and (for child lines) its
parent; and, on each field, with the field parameter ``workflow``, who may write it:

``workflow="owned"``
    only the workflow (state, number, token, hash, signer, dates, receipts, totals...). A client
    may neither write it nor create a record with a value other than the field's default.
    Computed fields without an inverse are owned whether declared or not.
``workflow="create"``
    given once when a client creates the record (in an initial state), never written afterwards.
``workflow=("draft", "returned")``
    a client may write it while the record (or, for a child without a state of its own, its
    parent) is in one of these states.
``workflow="free"``
    a client may write it in every state (notes that do not change what was decided).

A field without a declaration may only be written in the initial states (and
``tests/test_workflow_forgery.py`` fails until it is declared). Fields of Odoo's mail mixins
(followers, messages, activities) follow Odoo's own access design and are not guarded here.

The guard lets only ``env.su`` through: the workflow's action methods check that the user may make
the transition (their seat, their group, their right to write the record), then write with
:meth:`_workflow_write` or ``sudo()``. No context key lifts it, because a context is whatever an RPC
client sends.
"""

from markupsafe import Markup

from odoo import Command, api, models, tools
from odoo.exceptions import AccessError, UserError

OWNED = "owned"
CREATE = "create"
FREE = "free"
# fields of Odoo's own mixins that keep Odoo's access design
MAIL_MIXINS = ("mail.thread", "mail.activity.mixin", "mail.thread.main.attachment")
MAGIC = {"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"}


class WorkflowError(UserError):
    """A client tried to write what only the workflow writes."""


class EofficeWorkflowMixin(models.AbstractModel):
    _name = "eoffice.workflow.mixin"
    _description = "e-Office Workflow Guard"

    # the state the guard looks at: a field of the model, or a path to the parent's state
    # ("letter_id.state") for a child line without a state of its own
    _workflow_state_field = "state"
    # states a client may create a record in (the first is the default of a new record)
    _workflow_initial_states = ("draft",)
    # states a client may delete a record in; () for append-only records
    _workflow_unlink_states = None  # None: the initial states
    # (from, to) pairs the workflow may move through; empty: not checked
    _workflow_transitions = ()
    # child lines: the parent field, and the parent states in which a client may add, change or
    # delete lines (None: the parent's own initial states)
    _workflow_parent_field = None
    _workflow_parent_states = None

    @api.model
    def _valid_field_parameter(self, field, name):
        return name == "workflow" or super()._valid_field_parameter(field, name)

    # ------------------------------------------------------------------ declarations
    @api.model
    @tools.ormcache("self._name")
    def _workflow_mixin_fields(self):
        """Fields the guard leaves to Odoo (computed once per registry: every write asks)."""
        names = set(MAGIC)
        for mixin in MAIL_MIXINS:
            if mixin in self.env:
                names |= set(self.env[mixin]._fields)
        return frozenset(names)

    @api.model
    def _workflow_field_rule(self, name):
        """What the declaration of a field says: OWNED, CREATE, FREE, a tuple of states, or None."""
        field = self._fields[name]
        rule = getattr(field, "workflow", None)
        if rule is None and field.compute and not field.inverse:
            # computed (and read-only related) fields follow their sources
            return OWNED
        if isinstance(rule, list):
            rule = tuple(rule)
        return rule

    @api.model
    def _workflow_undeclared_fields(self):
        """Writable fields nobody declared (the forgery test fails on them)."""
        skip = self._workflow_mixin_fields()
        return sorted(name for name, field in self._fields.items()
                      if name not in skip and not (field.compute and not field.inverse and not field.store)
                      and self._workflow_field_rule(name) is None)

    @api.model
    def _workflow_owned_fields(self):
        skip = self._workflow_mixin_fields()
        return sorted(name for name in self._fields
                      if name not in skip and self._workflow_field_rule(name) == OWNED)

    def _workflow_unlink_state_set(self):
        states = self._workflow_unlink_states
        return self._workflow_initial_states if states is None else states

    # ------------------------------------------------------------------ state of the guard
    def _workflow_state_of(self):
        """The state the guard applies to each record: its own, or its parent's."""
        path = self._workflow_state_field
        if "." not in path:
            return {record.id: record[path] for record in self}
        parent_field, parent_state = path.split(".", 1)
        return {record.id: record.sudo()[parent_field][parent_state] for record in self}

    def _workflow_parent_state_set(self):
        parent_model = self.env[self._fields[self._workflow_parent_field].comodel_name]
        states = self._workflow_parent_states
        return parent_model._workflow_initial_states if states is None else states

    def _workflow_label(self, state):
        """The user's label of a state value."""
        path = self._workflow_state_field.split(".")
        model = self
        for name in path[:-1]:
            model = model.env[model._fields[name].comodel_name]
        field = model._fields[path[-1]]
        if field.type == "selection":
            return dict(field._description_selection(self._workflow_env())).get(state, state)
        return state

    def _workflow_env(self):
        """The environment of the guard's messages: the caller's language, else the user's own (an
        integrator's RPC call carries no language, and the refusal is read by an Indonesian user)."""
        lang = self.env.context.get("lang") or self.env.user.lang
        return self.with_context(lang=lang).env

    def _workflow_model_label(self):
        env = self._workflow_env()
        # sudo: plain users may not read ir.model, and the label is no secret
        return env["ir.model"].sudo()._get(self._name).name or self._description

    def _workflow_refuse(self, message):
        raise WorkflowError(message)

    def _workflow_refuse_owned_values(self, names):
        self._workflow_refuse(self._workflow_env()._(
            "%(model)s cannot be created with %(fields)s set: only its workflow sets them.",
            model=self._workflow_model_label(), fields=", ".join(self._workflow_field_label(n) for n in names)))

    def _workflow_field_label(self, name):
        return self._fields[name]._description_string(self._workflow_env())

    def _workflow_check_parent(self, parents):
        allowed = self._workflow_parent_state_set()
        parents = parents.sudo()
        # the parent's state may itself be a path ("plan_id.state" for the lines of a sub kegiatan)
        for parent_id, state in parents._workflow_state_of().items():
            if state not in allowed:
                parent = parents.browse(parent_id)
                self._workflow_refuse(self._workflow_env()._(
                    "%(record)s is %(state)s: its %(lines)s can only be changed by its workflow.",
                    record=parent.display_name, state=parent._workflow_label(state),
                    lines=self._workflow_model_label()))

    # ------------------------------------------------------------------ the guard
    def _workflow_check_create(self, vals_list):
        context_owned = sorted(
            key for key in self.env.context
            if key.startswith("default_") and key[8:] in self._fields
            and self._workflow_field_rule(key[8:]) == OWNED)
        if context_owned:
            self._workflow_refuse_owned_values([key[8:] for key in context_owned])
        for vals in vals_list:
            owned = []
            for name, value in vals.items():
                if name not in self._fields or self._workflow_field_rule(name) != OWNED:
                    continue
                field = self._fields[name]
                default = field.default(self) if field.default else False
                if isinstance(default, models.BaseModel) and field.type == "many2one":
                    default = default.id  # a default given as a record (self.env.user) compares by id
                if value != default and (value or default):
                    owned.append(name)
            if owned:
                self._workflow_refuse_owned_values(owned)
            if self._workflow_parent_field and vals.get(self._workflow_parent_field):
                parent_model = self.env[self._fields[self._workflow_parent_field].comodel_name]
                self._workflow_check_parent(parent_model.browse(vals[self._workflow_parent_field]))

    def _workflow_check_created(self):
        """After creation: every record starts in an initial state (whatever the defaults said)."""
        initial = self._workflow_initial_states
        for state in self._workflow_state_of().values():
            if state not in initial:
                self._workflow_refuse(self._workflow_env()._(
                    "%(model)s can only be created as %(state)s; its workflow moves it on.",
                    model=self._workflow_model_label(), state=self._workflow_label(initial[0])))

    def _workflow_check_write(self, vals):
        skip = self._workflow_mixin_fields()
        names = [name for name in vals if name in self._fields and name not in skip]
        if not names:
            return
        refused = [n for n in names if self._workflow_field_rule(n) in (OWNED, CREATE)]
        if refused:
            self._workflow_refuse(self._workflow_env()._(
                "%(fields)s of %(model)s can only be changed by its workflow (the buttons of the form), "
                "not written directly.",
                fields=", ".join(self._workflow_field_label(n) for n in refused), model=self._workflow_model_label()))
        if self._workflow_parent_field and any(self._workflow_field_rule(n) != FREE for n in names):
            self._workflow_check_parent(self.sudo()[self._workflow_parent_field])
        states = self._workflow_state_of()
        for name in names:
            rule = self._workflow_field_rule(name)
            if rule == FREE:
                continue
            allowed = rule if isinstance(rule, tuple) else self._workflow_initial_states
            for record in self:
                if states[record.id] not in allowed:
                    self._workflow_refuse(self._workflow_env()._(
                        "%(record)s is %(state)s: %(field)s can no longer be changed.",
                        record=record.display_name, state=self._workflow_label(states[record.id]),
                        field=self._workflow_field_label(name)))

    def _workflow_check_unlink(self):
        allowed = self._workflow_unlink_state_set()
        for record, state in self._workflow_state_of().items():
            if state not in allowed:
                record = self.browse(record)
                if not allowed:
                    self._workflow_refuse(self._workflow_env()._(
                        "%(model)s is a permanent record: it can never be deleted.",
                        model=self._workflow_model_label()))
                self._workflow_refuse(self._workflow_env()._(
                    "%(record)s is %(state)s: only a record in %(allowed)s can be deleted.",
                    record=record.display_name, state=self._workflow_label(state),
                    allowed=", ".join(self._workflow_label(s) for s in allowed)))
        if self._workflow_parent_field:
            self._workflow_check_parent(self.sudo()[self._workflow_parent_field])

    def _workflow_guard(self, operation, check, *args):
        """Run a check of the guard. A refusal reports missing rights first, so a user without them
        learns nothing from the workflow; allowed operations are checked once, by the ORM."""
        try:
            check(*args)
        except WorkflowError:
            self.check_access(operation)
            raise

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        self._workflow_guard("create", self._workflow_check_create, vals_list)
        records = super().create(vals_list)
        records._workflow_guard("create", records._workflow_check_created)
        return records

    def write(self, vals):
        if not self.env.su:
            self._workflow_guard("write", self._workflow_check_write, vals)
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self._workflow_guard("unlink", self._workflow_check_unlink)
        return super().unlink()

    # ------------------------------------------------------------------ the workflow's own writes
    def _workflow_write(self, vals):
        """Write as the workflow, after the action method checked the user's right to act.

        The user must be allowed to write the records (ACLs and record rules, as for any edit);
        the state moves only along the declared transitions."""
        if not self.env.su:
            self.check_access("write")
        state_field = self._workflow_state_field
        if state_field in vals and self._workflow_transitions:
            allowed = set(self._workflow_transitions)
            for record in self:
                move = (record[state_field], vals[state_field])
                if move[0] != move[1] and move not in allowed:
                    raise UserError(self._workflow_env()._(
                        "%(record)s cannot go from %(old)s to %(new)s.", record=record.display_name,
                        old=self._workflow_label(move[0]), new=self._workflow_label(move[1])))
        return self.sudo().write(vals)

    def _workflow_bind_attachments(self, field_names):
        """Files linked through a many2many belong to their record, so that its guard covers them
        (``ir_attachment.py``): an upload not bound to a record (or bound to a wizard) is bound to it;
        a file bound to another record is linked as a copy bound to this one. Otherwise whoever
        uploaded a file could replace its content after the record was signed or finished.

        Binding and copying are done as superuser, so the user must be able to open every file linked
        (another user's upload, an enclosure of a Rahasia letter): a copy would hand it over."""
        for record in self.sudo():
            for name in field_names:
                foreign = record[name].filtered(lambda a, r=record: (a.res_model, a.res_id) != (r._name, r.id))
                if not foreign:
                    continue
                if not self.env.su:
                    try:
                        foreign.with_env(self.env).check("read")
                    except AccessError:
                        raise AccessError(self._workflow_env()._(
                            "You can attach only files you may open yourself.")) from None
                loose = foreign.filtered(lambda a: not a.res_id or not a.res_model or a.res_model not in self.env
                                         or self.env[a.res_model].is_transient())
                loose.write({"res_model": record._name, "res_id": record.id})
                copies = self.env["ir.attachment"].sudo()
                for attachment in foreign - loose:
                    copies |= attachment.copy({"res_model": record._name, "res_id": record.id})
                if copies:
                    record[name] = [Command.unlink(a.id) for a in foreign - loose] + \
                        [Command.link(a.id) for a in copies]

    def _log(self, text):
        """A line of the workflow in the chatter, authored by the current user: the one ``_log`` of
        every model on the mixin. Unlike message_post it needs no e-mail address of the author (many
        civil servants have none) and notifies nobody; it is the workflow's own record, so it is
        written whatever the user's rights on the chatter (the text is escaped)."""
        for record in self.sudo():
            record._message_log(body=Markup("<p>%s</p>") % text)
